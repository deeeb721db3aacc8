package io.altostratus.azure;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.Map;

/**
 * Azure's tag rules, checked before any call so a launch or a tag call with a bad tag changes nothing: at most 50
 * tags per resource, names up to 512 characters without {@code < > % & \ ? /}, values up to 256 characters
 * (Microsoft's "Use tags to organize your Azure resources" limits for resources; resource groups and storage
 * accounts differ but are not tagged by users here).
 */
final class AzureTags {
    static final int MAX_TAGS = 50;
    static final int MAX_KEY = 512;
    static final int MAX_VALUE = 256;
    private static final String FORBIDDEN = "<>%&\\?/";

    private AzureTags() {
    }

    /**
     * @param existing how many tags the resource already has that {@code tags} does not replace
     * @throws AltoException INVALID_PARAMETER naming the first rule a tag breaks
     */
    static void check(Map<String, String> tags, int existing) {
        if (tags.size() + existing > MAX_TAGS) {
            throw invalid("Azure allows at most " + MAX_TAGS + " tags on a resource, this would make "
                    + (tags.size() + existing));
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty()) {
                throw invalid("a tag name must not be empty");
            }
            if (key.length() > MAX_KEY) {
                throw invalid("tag name '" + key.substring(0, 20) + "...' is longer than " + MAX_KEY + " characters");
            }
            for (char c : key.toCharArray()) {
                if (FORBIDDEN.indexOf(c) >= 0) {
                    throw invalid("tag name '" + key + "' contains '" + c + "' (Azure forbids < > % & \\ ? / in "
                            + "tag names)");
                }
            }
            String value = e.getValue() == null ? "" : e.getValue();
            if (value.length() > MAX_VALUE) {
                throw invalid("the value of tag '" + key + "' is longer than " + MAX_VALUE + " characters");
            }
        }
    }

    private static AltoException invalid(String message) {
        return new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidTag", message);
    }
}

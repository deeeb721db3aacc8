package io.altostratus.gateway.action.groups;

import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.gateway.http.WireError;
import java.util.Collection;
import java.util.List;

/**
 * The request checks every action group makes, with EC2's answers: the DryRun answer, id syntax, and the errors for
 * missing, invalid, conflicting, unsupported and unknown parameters.
 */
final class Checks {
    private static final String DRY_RUN_MESSAGE = "Request would have succeeded, but DryRun flag is set.";

    private Checks() {
    }

    /** EC2's answer to a DryRun call that passed its checks: HTTP 412 {@code DryRunOperation}. */
    static Ec2WireException dryRunOperation() {
        return new Ec2WireException(412, "DryRunOperation", DRY_RUN_MESSAGE);
    }

    /** Ends a call that passed validation when the caller only asked whether it would succeed. */
    static void dryRun(Boolean dryRun) {
        if (Boolean.TRUE.equals(dryRun)) {
            throw dryRunOperation();
        }
    }

    /**
     * Whether {@code id} has the syntax of an EC2 id with this prefix: the prefix, a dash and 8 or 17 lowercase hex
     * digits (EC2's short and long forms).
     */
    static boolean wellFormed(String id, String prefix) {
        if (id == null || !id.startsWith(prefix + "-")) {
            return false;
        }
        String hex = id.substring(prefix.length() + 1);
        if (hex.length() != 8 && hex.length() != 17) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The id, or EC2's Malformed code when it is not of the kind. */
    static String checkId(String id, String prefix, String malformedCode) {
        if (!wellFormed(id, prefix)) {
            throw Ec2WireException.of(malformedCode, "Invalid id: \"" + id + "\" (expecting \"" + prefix + "-...\")");
        }
        return id;
    }

    /** Fails with EC2's Malformed code for the first id that is not of the kind. */
    static void checkIds(Collection<String> ids, String prefix, String malformedCode) {
        for (String id : ids) {
            checkId(id, prefix, malformedCode);
        }
    }

    /** EC2 refuses MaxResults (and so paging) together with explicit ids on the actions that page. */
    static void noPagingWithIds(boolean hasIds, Integer maxResults, String idsParameter) {
        if (hasIds && maxResults != null) {
            throw combination("The parameter " + idsParameter + " cannot be used with the parameter maxResults");
        }
    }

    static Ec2WireException missing(String parameter) {
        return Ec2WireException.of(WireError.MISSING_PARAMETER, "The request must contain the parameter " + parameter);
    }

    static Ec2WireException invalid(String message) {
        return Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE, message);
    }

    static Ec2WireException combination(String message) {
        return Ec2WireException.of(WireError.INVALID_PARAMETER_COMBINATION, message);
    }

    static Ec2WireException unsupported(String message) {
        return Ec2WireException.of(WireError.UNSUPPORTED_OPERATION, message);
    }

    /** {@code what} (a feature, e.g. "IPv6 for VPCs") is something the backend does not offer. */
    static Ec2WireException unsupportedByBackend(String what) {
        return unsupported(what + " is not supported by this gateway's backend.");
    }

    /** A request parameter the gateway does not implement. */
    static Ec2WireException unsupportedParameter(String parameter) {
        return unsupported("The parameter " + parameter + " is not supported by this gateway.");
    }

    /**
     * EC2's NotFound for ids of a kind, naming all of them.
     *
     * @param noun as EC2 words it: {@code vpc}, {@code subnet}, {@code networkInterface}, ...
     */
    static Ec2WireException notFound(String code, String noun, List<String> ids) {
        String message = ids.size() == 1
                ? "The " + noun + " ID '" + ids.get(0) + "' does not exist"
                : "The " + noun + " IDs '" + String.join(", ", ids) + "' do not exist";
        return Ec2WireException.of(code, message);
    }
}

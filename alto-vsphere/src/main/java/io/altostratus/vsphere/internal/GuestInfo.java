package io.altostratus.vsphere.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The extraConfig keys cloud-init's VMware datasource reads through VMware Tools' guestinfo: {@code
 * guestinfo.metadata} and {@code guestinfo.userdata}, each with {@code .encoding = base64}. The metadata is a JSON
 * document with {@code instance-id} (cloud-init's first-boot key), {@code local-hostname} and {@code public-keys}
 * (the datasource's key for SSH keys, a list of OpenSSH lines).
 */
public final class GuestInfo {
    public static final String METADATA = "guestinfo.metadata";
    public static final String METADATA_ENCODING = "guestinfo.metadata.encoding";
    public static final String USERDATA = "guestinfo.userdata";
    public static final String USERDATA_ENCODING = "guestinfo.userdata.encoding";

    private GuestInfo() {
    }

    /** The keys for one VM; user data may be null (no {@code guestinfo.userdata} then). */
    public static Map<String, String> keys(String instanceId, String hostname, List<String> publicKeys,
                                           byte[] userData) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(METADATA, base64(metadata(instanceId, hostname, publicKeys)));
        out.put(METADATA_ENCODING, "base64");
        if (userData != null) {
            out.put(USERDATA, Base64.getEncoder().encodeToString(userData));
            out.put(USERDATA_ENCODING, "base64");
        }
        return out;
    }

    /** The metadata document (JSON, which cloud-init reads as YAML too). */
    public static String metadata(String instanceId, String hostname, List<String> publicKeys) {
        StringBuilder json = new StringBuilder("{\"instance-id\":").append(quote(instanceId));
        if (hostname != null) {
            json.append(",\"local-hostname\":").append(quote(hostname));
        }
        if (publicKeys != null && !publicKeys.isEmpty()) {
            json.append(",\"public-keys\":[");
            for (int i = 0; i < publicKeys.size(); i++) {
                json.append(i == 0 ? "" : ",").append(quote(publicKeys.get(i)));
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

package io.altostratus.gateway.http;

import java.nio.charset.StandardCharsets;

/**
 * STS's {@code GetCallerIdentity} on the EC2 endpoint: the AWS CLI, Terraform and boto3 code ask it for the account
 * of their key before anything else. Keys here belong to an account and are that account's root credentials, so
 * the caller is the account's root user: ARN {@code arn:aws:iam::ACCOUNT:root}, user id the account id, as STS
 * answers for root keys.
 */
public final class StsCallerIdentity {
    /** STS's signing name, accepted beside EC2's on this endpoint. */
    public static final String SERVICE = "sts";
    public static final String ACTION = "GetCallerIdentity";
    public static final String VERSION = "2011-06-15";

    private StsCallerIdentity() {
    }

    /**
     * An error in STS's Query protocol ({@code ErrorResponse}), which STS's clients parse; EC2's document differs.
     * Client errors are the {@code Sender}'s, others the {@code Receiver}'s.
     */
    public static byte[] errorXml(String code, String message, String requestId) {
        StringBuilder xml = new StringBuilder("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/")
                .append(VERSION).append("/\"><Error><Type>")
                .append(code.startsWith("Internal") || code.equals("ServiceUnavailable") ? "Receiver" : "Sender")
                .append("</Type><Code>");
        escape(code, xml);
        xml.append("</Code><Message>");
        escape(message == null ? "" : message, xml);
        xml.append("</Message></Error><RequestId>");
        escape(requestId, xml);
        xml.append("</RequestId></ErrorResponse>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
    }

    /** Whether the call is STS's GetCallerIdentity (EC2 has no action of that name). */
    public static boolean matches(Call call) {
        return ACTION.equals(call.action());
    }

    /** The answer in STS's Query protocol. */
    public static byte[] answer(Call call) {
        if (call.version() != null && !VERSION.equals(call.version())) {
            throw Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE, "STS's GetCallerIdentity is served in API "
                    + "version " + VERSION + ", not " + call.version() + ".");
        }
        // Accounts are twelve digits and request ids UUIDs (both checked where they are made): nothing to escape.
        String account = call.account();
        String xml = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/" + VERSION + "/\">"
                + "<GetCallerIdentityResult>"
                + "<Arn>arn:aws:iam::" + account + ":root</Arn>"
                + "<UserId>" + account + "</UserId>"
                + "<Account>" + account + "</Account>"
                + "</GetCallerIdentityResult>"
                + "<ResponseMetadata><RequestId>" + call.requestId() + "</RequestId>"
                + "</ResponseMetadata></GetCallerIdentityResponse>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}

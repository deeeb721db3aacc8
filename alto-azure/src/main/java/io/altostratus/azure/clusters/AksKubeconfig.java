package io.altostratus.azure.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What one kubeconfig of AKS's {@code listClusterUserCredential} says, read from its YAML: the current context's
 * cluster (server, CA) and how its user authenticates. AKS hands out three kinds: a bearer token (with or without a
 * client certificate: clusters with local accounts), an exec plugin ({@code kubelogin}: clusters that sign in with
 * Entra ID), or a client certificate alone.
 *
 * @param contextName          the current context's name (AKS names it after the cluster)
 * @param server               the API server's URL, as written ({@code https://FQDN:443})
 * @param certificateAuthority {@code certificate-authority-data}, or null
 * @param token                the user's bearer token, or null
 * @param execCommand          the user's exec plugin ({@code kubelogin}), or null
 * @param clientCertificate    whether the user holds a client certificate
 */
record AksKubeconfig(String contextName, String server, String certificateAuthority, String token,
                     String execCommand, boolean clientCertificate) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * Reads a kubeconfig AKS sent (its bytes, the base64 already undone by the SDK).
     *
     * @throws AltoException PROVIDER_ERROR when it is not a kubeconfig with a cluster that has a server
     */
    static AksKubeconfig read(byte[] yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(new String(yaml, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreadable("it is not YAML (" + firstLine(e.getMessage()) + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw unreadable("it is empty", null);
        }
        String current = text(root.get("current-context"));
        JsonNode context = named(root.path("contexts"), current).path("context");
        JsonNode cluster = named(root.path("clusters"), text(context.get("cluster"))).path("cluster");
        JsonNode user = named(root.path("users"), text(context.get("user"))).path("user");
        String server = text(cluster.get("server"));
        if (server == null) {
            throw unreadable("its cluster has no server", null);
        }
        String contextName = current != null ? current : text(named(root.path("contexts"), null).get("name"));
        return new AksKubeconfig(contextName, server, text(cluster.get("certificate-authority-data")),
                text(user.get("token")), text(user.path("exec").get("command")),
                text(user.get("client-certificate-data")) != null || text(user.get("client-certificate")) != null);
    }

    /** The entry of a kubeconfig list with that name; the first one when the name is null or not there. */
    private static JsonNode named(JsonNode list, String name) {
        if (!list.isArray() || list.isEmpty()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        if (name != null) {
            for (JsonNode entry : list) {
                if (name.equals(text(entry.get("name")))) {
                    return entry;
                }
            }
        }
        return list.get(0);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank() ? null : node.asText();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private static AltoException unreadable(String why, Throwable cause) {
        return new AltoException(ErrorCode.PROVIDER_ERROR, "InvalidKubeconfig",
                "AKS answered a kubeconfig alto cannot read: " + why, cause);
    }

    /** Never the token: it is a credential. */
    @Override
    public String toString() {
        return "AksKubeconfig[" + contextName + " " + server + (token != null ? " token" : "")
                + (execCommand != null ? " exec " + execCommand : "") + (clientCertificate ? " cert" : "") + "]";
    }
}

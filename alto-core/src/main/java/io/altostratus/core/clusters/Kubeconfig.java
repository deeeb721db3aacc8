package io.altostratus.core.clusters;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A kubeconfig for one cluster: the YAML kubectl reads, and its parts for callers that build clients themselves.
 *
 * @param yaml                 the whole file: one cluster, one user, one context, which is current
 * @param contextName          the context's (and cluster entry's and user's) name
 * @param server               the API server's URL
 * @param certificateAuthority the CA certificate (PEM, base64) kubectl checks the server against, or null when
 *                             there is none to check (the YAML then says {@code insecure-skip-tls-verify})
 * @param auth                 how kubectl authenticates
 */
public record Kubeconfig(String yaml, String contextName, String server, String certificateAuthority,
                         KubeAuth auth) {
    public Kubeconfig {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(contextName, "contextName");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(auth, "auth");
    }

    /** Renders the YAML for these parts: every provider's kubeconfig comes out of this one writer. */
    public static Kubeconfig of(String contextName, String server, String certificateAuthority, KubeAuth auth) {
        StringBuilder y = new StringBuilder(512);
        String name = quote(contextName);
        y.append("apiVersion: v1\n");
        y.append("kind: Config\n");
        y.append("clusters:\n");
        y.append("- name: ").append(name).append('\n');
        y.append("  cluster:\n");
        y.append("    server: ").append(quote(server)).append('\n');
        if (certificateAuthority != null) {
            y.append("    certificate-authority-data: ").append(quote(certificateAuthority)).append('\n');
        } else {
            y.append("    insecure-skip-tls-verify: true\n");
        }
        y.append("contexts:\n");
        y.append("- name: ").append(name).append('\n');
        y.append("  context:\n");
        y.append("    cluster: ").append(name).append('\n');
        y.append("    user: ").append(name).append('\n');
        y.append("current-context: ").append(name).append('\n');
        y.append("preferences: {}\n");
        y.append("users:\n");
        y.append("- name: ").append(name).append('\n');
        y.append("  user:\n");
        switch (auth) {
            case KubeAuth.Token t -> y.append("    token: ").append(quote(t.token())).append('\n');
            case KubeAuth.Exec e -> {
                y.append("    exec:\n");
                y.append("      apiVersion: ").append(quote(e.apiVersion())).append('\n');
                y.append("      command: ").append(quote(e.command())).append('\n');
                appendList(y, "      args:", e.args());
                if (!e.env().isEmpty()) {
                    y.append("      env:\n");
                    for (Map.Entry<String, String> v : e.env().entrySet()) {
                        y.append("      - name: ").append(quote(v.getKey())).append('\n');
                        y.append("        value: ").append(quote(v.getValue())).append('\n');
                    }
                }
                // Required from client.authentication.k8s.io/v1 on; a plugin of ours never prompts.
                y.append("      interactiveMode: Never\n");
                y.append("      provideClusterInfo: false\n");
            }
        }
        return new Kubeconfig(y.toString(), contextName, server, certificateAuthority, auth);
    }

    private static void appendList(StringBuilder y, String key, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        y.append(key).append('\n');
        for (String item : items) {
            y.append("      - ").append(quote(item)).append('\n');
        }
    }

    /** A YAML double-quoted scalar: safe for any text (colons, leading dashes, '#', unicode). */
    static String quote(String text) {
        StringBuilder q = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        q.append(String.format("\\x%02x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}

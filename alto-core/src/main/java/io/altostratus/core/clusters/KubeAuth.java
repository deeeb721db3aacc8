package io.altostratus.core.clusters;

import io.altostratus.core.model.Tags;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How kubectl proves who it is to a cluster's API server: a credential plugin it runs, or a fixed bearer token. */
public sealed interface KubeAuth {

    /**
     * A client-go credential plugin: kubectl runs {@code command args} with {@code env} and reads an ExecCredential
     * from its output (EKS's {@code k8s-aws-v1.} tokens, GKE's and AKS's plugins).
     *
     * @param apiVersion the ExecCredential version the plugin prints, e.g. {@code client.authentication.k8s.io/v1beta1}
     */
    record Exec(String apiVersion, String command, List<String> args, Map<String, String> env) implements KubeAuth {
        public static final String V1BETA1 = "client.authentication.k8s.io/v1beta1";

        public Exec {
            Objects.requireNonNull(apiVersion, "apiVersion");
            Objects.requireNonNull(command, "command");
            args = args == null ? List.of() : List.copyOf(args);
            env = Tags.copy(env);
        }
    }

    /** A bearer token sent as is. */
    record Token(String token) implements KubeAuth {
        public Token {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Token[***]";
        }
    }
}

package io.altostratus.core.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeconfigTest {

    @Test
    void quotesEveryValueSoThatYamlSyntaxInsideStaysText() {
        assertThat(Kubeconfig.quote("a: b # c")).isEqualTo("\"a: b # c\"");
        assertThat(Kubeconfig.quote("say \"hi\"\\now\n")).isEqualTo("\"say \\\"hi\\\"\\\\now\\n\"");
        assertThat(Kubeconfig.quote("\u0001")).isEqualTo("\"\\x01\"");
    }

    @Test
    void withoutAnAuthorityTheClusterEntrySkipsTlsVerification() {
        Kubeconfig k = Kubeconfig.of("c", "https://h", null, new KubeAuth.Token("t"));

        assertThat(k.yaml()).contains("    insecure-skip-tls-verify: true\n").doesNotContain("certificate-authority");
        assertThat(k.yaml()).contains("    token: \"t\"\n").contains("current-context: \"c\"\n");
    }

    @Test
    void execEntriesCarryCommandArgumentsEnvironmentAndInteractiveMode() {
        Kubeconfig k = Kubeconfig.of("c", "https://h", "Q0E=", new KubeAuth.Exec(KubeAuth.Exec.V1BETA1, "alto",
                List.of("kube-token", "--cluster", "c"), Map.of("ALTO_PROVIDER", "aws")));

        assertThat(k.yaml()).contains("""
                    exec:
                      apiVersion: "client.authentication.k8s.io/v1beta1"
                      command: "alto"
                      args:
                      - "kube-token"
                      - "--cluster"
                      - "c"
                      env:
                      - name: "ALTO_PROVIDER"
                        value: "aws"
                      interactiveMode: Never
                """).contains("certificate-authority-data: \"Q0E=\"");
        assertThat(new KubeAuth.Token("secret")).hasToString("Token[***]");
    }
}

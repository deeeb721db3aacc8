package io.altostratus.local.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterSpec;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.KubeAuth;
import io.altostratus.core.clusters.Kubeconfig;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import io.fabric8.kubernetes.client.Config;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local clusters' kubeconfigs read back by real readers: fabric8's {@link Config} (the Java Kubernetes client)
 * and {@code kubectl config view}; the certificate authority read by the JDK's X.509 parser.
 */
class ClusterKubeconfigTest {
    private final ManualClock clock = new ManualClock();
    private StateStore store;
    private Clusters clusters;

    @TempDir
    Path dir;

    @BeforeEach
    void open() {
        store = StateStores.inMemory();
        clusters = LocalProviderFactory.withStore(store, Catalogs.aws()).service(Clusters.class,
                new ProviderContext("us-east-1", "123456789012", null, null, Map.of("cluster_transition_ms", "0"),
                        clock)).orElseThrow();
    }

    @AfterEach
    void close() {
        clusters.close();
        store.close();
    }

    @Test
    void fabric8ReadsServerTokenAndAuthorityOfALocalCluster() {
        Cluster cluster = clusters.create(ClusterSpec.builder("kube-1").build());
        Kubeconfig kubeconfig = clusters.kubeconfig("kube-1");

        Config config = Config.fromKubeconfig(kubeconfig.yaml());

        assertThat(config.getMasterUrl()).startsWith(cluster.endpoint());
        assertThat(config.getCaCertData()).isEqualTo(cluster.certificateAuthority());
        assertThat(config.getCurrentContext().getName()).isEqualTo("kube-1");
        assertThat(kubeconfig.auth()).isInstanceOf(KubeAuth.Token.class);
        assertThat(config.getAutoOAuthToken()).isEqualTo(((KubeAuth.Token) kubeconfig.auth()).token());
        assertThat(config.isTrustCerts()).as("a cluster with a CA is not trusted blindly").isFalse();
    }

    @Test
    void certificateAuthorityIsASelfSignedCaCertificate() throws Exception {
        Cluster cluster = clusters.create(ClusterSpec.builder("kube-ca").build());

        String pem = new String(Base64.getDecoder().decode(cluster.certificateAuthority()), StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));

        ca.verify(ca.getPublicKey());
        assertThat(ca.getVersion()).isEqualTo(3);
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=kubernetes");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getBasicConstraints()).as("a CA certificate").isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        ca.checkValidity(Date.from(clock.instant()));
        assertThat(clusters.create(ClusterSpec.builder("kube-ca2").build()).certificateAuthority())
                .as("each cluster its own CA").isNotEqualTo(cluster.certificateAuthority());
    }

    @Test
    void kubectlReadsALocalClustersKubeconfig() throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not on the PATH");
        Cluster cluster = clusters.create(ClusterSpec.builder("kube-2").build());
        Kubeconfig kubeconfig = clusters.kubeconfig("kube-2");
        Path file = Files.writeString(dir.resolve("config"), kubeconfig.yaml());

        assertThat(kubectl(file, "config", "current-context")).isEqualTo("kube-2");
        assertThat(kubectl(file, "config", "view", "--raw", "-o", "jsonpath={.clusters[0].cluster.server}"))
                .isEqualTo(cluster.endpoint());
        assertThat(kubectl(file, "config", "view", "--raw", "-o",
                "jsonpath={.clusters[0].cluster.certificate-authority-data}"))
                .isEqualTo(cluster.certificateAuthority());
        assertThat(kubectl(file, "config", "view", "--raw", "-o", "jsonpath={.users[0].user.token}"))
                .isEqualTo(((KubeAuth.Token) kubeconfig.auth()).token());
    }

    @Test
    void execPluginKubeconfigIsRunByFabric8AndReadByKubectl() throws Exception {
        // A plugin that prints an ExecCredential, as `alto kube-token` will: fabric8 runs it for the token.
        String credential = "{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\","
                + "\"status\":{\"token\":\"from-the-plugin\"}}";
        KubeAuth.Exec exec = new KubeAuth.Exec(KubeAuth.Exec.V1BETA1, "sh",
                List.of("-c", "printf '%s' '" + credential + "'"), Map.of("ALTO_PROVIDER", "local"));
        Kubeconfig kubeconfig = Kubeconfig.of("exec-ctx", "https://example.invalid:6443", null, exec);

        Config config = Config.fromKubeconfig(kubeconfig.yaml());
        assertThat(config.getMasterUrl()).startsWith("https://example.invalid:6443");
        assertThat(config.isTrustCerts()).as("no CA: insecure-skip-tls-verify").isTrue();
        assertThat(config.getAutoOAuthToken()).isEqualTo("from-the-plugin");

        assumeTrue(onPath("kubectl"), "kubectl is not on the PATH");
        Path file = Files.writeString(dir.resolve("exec-config"), kubeconfig.yaml());
        assertThat(kubectl(file, "config", "view", "-o", "jsonpath={.users[0].user.exec.command}")).isEqualTo("sh");
        assertThat(kubectl(file, "config", "view", "-o", "jsonpath={.users[0].user.exec.args[1]}"))
                .isEqualTo("printf '%s' '" + credential + "'");
        assertThat(kubectl(file, "config", "view", "-o", "jsonpath={.users[0].user.exec.env[0].value}"))
                .isEqualTo("local");
    }

    @Test
    void textThatLooksLikeYamlSurvivesTheRoundTrip() {
        String token = "t: \"quoted\" # not a comment\\ - [x]";
        Kubeconfig kubeconfig = Kubeconfig.of("ctx: odd", "https://h.invalid:443/p?q=a&b=#c", null,
                new KubeAuth.Token(token));

        Config config = Config.fromKubeconfig(kubeconfig.yaml());

        assertThat(config.getAutoOAuthToken()).isEqualTo(token);
        assertThat(config.getCurrentContext().getName()).isEqualTo("ctx: odd");
        assertThat(config.getMasterUrl()).startsWith("https://h.invalid:443/p?q=a&b=#c");
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    /** Runs kubectl on the file alone (no other kubeconfig merged in) and returns its output; fails on an error. */
    private String kubectl(Path kubeconfig, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("KUBECONFIG");
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
        assertThat(p.exitValue()).as("kubectl %s: %s", String.join(" ", args), out).isZero();
        return out;
    }
}

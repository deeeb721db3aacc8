package io.altostratus.cli.command;

import io.altostratus.aws.catalog.AwsCatalogRefresh;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code alto catalog refresh}: asks the provider's API for its regions, zones, types, offerings, images and spot
 * prices, in parallel, and writes a new snapshot atomically into the cache (or {@code --out}).
 */
@Command(name = "refresh", description = "Refresh the catalog from the provider's API into the cache (or --out); "
        + "the previous snapshot stays until the new one is complete.")
public final class CatalogRefreshCommand extends CatalogVerb {
    private static final String CLEAR_LINE = "\r\u001b[K";

    @Option(names = "--regions", split = ",", paramLabel = "REGION",
            description = "Only these regions (comma-separated); the others are carried over from the catalog in use.")
    List<String> regions;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the snapshot here instead of the cache.")
    Path out;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "48",
            description = "At most N API calls in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--keep-builds", paramLabel = "N", defaultValue = "3",
            description = "Builds kept per image series, newest first; 0 keeps all (default: ${DEFAULT-VALUE}).")
    int keepBuilds;

    /**
     * What a refresh did.
     *
     * @param provider     the provider
     * @param file         the snapshot written
     * @param regions      regions refreshed
     * @param types        instance types described
     * @param offerings    (region, type) offerings
     * @param images       images kept
     * @param calls        API calls made
     * @param attempts     HTTP attempts (calls plus retries)
     * @param criticalPath the longest chain of calls that had to wait for one another
     * @param wallSeconds  how long it took
     * @param notes        what the source did not answer and how the snapshot made up for it
     */
    public record RefreshView(String provider, String file, int regions, int types, int offerings, int images,
                              long calls, long attempts, int criticalPath, double wallSeconds, List<String> notes) {
    }

    @Override
    protected ExitCode run(Output output) {
        if (!"aws".equals(provider())) {
            throw new UsageException("catalog refresh knows the aws provider only, not '" + provider() + "'");
        }
        if (concurrency < 1) {
            throw new UsageException("--concurrency must be at least 1");
        }
        String endpoint = main().endpointUrl();
        SnapshotStore store = out != null ? new SnapshotStore(out) : cache();
        boolean terminal = main().environment().stderrTerminal();
        long[] lastDraw = {0};
        AwsCatalogRefresh refresh = AwsCatalogRefresh.builder()
                .endpoint(endpoint == null ? null : Args.endpointUrl(endpoint))
                .regions(regions)
                .credentials(credentials(endpoint != null))
                .concurrency(concurrency)
                .keepBuilds(keepBuilds)
                .fallback(choice().catalog())
                .clock(main().environment().clock())
                .listener(terminal ? (done, started, regionsDone, regionsTotal) -> {
                    long now = System.nanoTime();
                    synchronized (lastDraw) {
                        if (now - lastDraw[0] < 100_000_000L) {
                            return;
                        }
                        lastDraw[0] = now;
                        err().print(CLEAR_LINE + "refreshing the aws catalog: " + regionsDone + "/" + regionsTotal
                                + " regions, " + done + " calls done, " + (started - done) + " in flight");
                        err().flush();
                    }
                } : null)
                .build();
        AwsCatalogRefresh.Result result;
        try {
            result = refresh.refreshInto(store);
        } finally {
            if (terminal) {
                synchronized (lastDraw) {
                    err().print(CLEAR_LINE);
                    err().flush();
                }
            }
        }
        AwsCatalogRefresh.Stats s = result.stats();
        output.object(new RefreshView("aws", store.file("aws").toString(), s.regions(), s.types(), s.offers(),
                s.images(), s.calls(), s.attempts(), s.criticalPath(), s.wall().toMillis() / 1000.0,
                result.snapshot().notes()));
        return ExitCode.OK;
    }

    /**
     * Keys from the (command's) environment; against an endpoint override without keys, the gateway's default
     * {@code test}/{@code test}; otherwise the SDK's default chain (profiles, SSO, instance roles).
     */
    private AwsCredentialsProvider credentials(boolean endpointOverride) {
        Map<String, String> env = main().environment().env();
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key != null && secret != null) {
            String token = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token == null ? AwsBasicCredentials.create(key, secret)
                    : AwsSessionCredentials.create(key, secret, token));
        }
        if (endpointOverride) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}

package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Progress;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.Waiter;
import java.time.Duration;

/**
 * A verb on the chosen provider's clusters service: opens it from the global options, runs, closes it, and
 * erases any progress line it drew.
 */
public abstract class ClustersServiceCommand extends Verb {
    @Override
    public Integer call() throws Exception {
        validate();
        Progress progress = new Progress(err(), main().environment().stderrTerminal());
        Output output = new Output(main().outputFormat(), out()).beforeWrite(progress::clear);
        String name = main().providerName();
        ProviderContext context = main().providerContext(name, main().regionName(name));
        try (Clusters clusters = main().factory(name).service(Clusters.class, context)
                .orElseThrow(() -> new AltoException(ErrorCode.UNSUPPORTED, "NoClusters",
                        "provider '" + name + "' offers no managed Kubernetes clusters"))) {
            return run(clusters, output, progress).code();
        } finally {
            progress.clear();
        }
    }

    /** Checks the arguments before the service is opened; throw a UsageException to refuse them. */
    protected void validate() {
    }

    protected abstract ExitCode run(Clusters clusters, Output out, Progress progress) throws Exception;

    /**
     * A waiter on the environment's clock and sleeper (tests never sleep) that shows progress: a spinner when
     * stderr is a terminal, else one line each time what it waits on changes state.
     */
    protected Waiter waiter(Progress progress, long timeoutSeconds) {
        if (timeoutSeconds < 0) {
            throw new UsageException("--timeout must not be negative");
        }
        boolean terminal = main().environment().stderrTerminal();
        String[] last = {null};
        Waiter.Listener listener = (attempt, elapsed, value) -> {
            String now = describe(value);
            if (terminal) {
                progress.polled(attempt, elapsed, now);
            } else if (now != null && !now.equals(last[0])) {
                note(now + " (" + elapsed.toSeconds() + "s)");
            }
            last[0] = now;
        };
        return Waiter.builder().clock(main().environment().clock()).sleeper(main().environment().sleeper())
                .listener(listener).timeout(Duration.ofSeconds(timeoutSeconds)).build();
    }

    private static String describe(Object value) {
        return switch (value) {
            case Cluster c -> "cluster " + c.name() + " " + c.stateName();
            case NodePool p -> "node pool " + p.name() + " of " + p.cluster() + " " + p.stateName();
            case ClusterUpdate u -> "update " + u.id() + " of " + u.cluster() + " " + u.status().wireName();
            case null -> null;
            default -> String.valueOf(value);
        };
    }
}

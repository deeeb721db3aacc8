package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.command.ClustersCommand.NodePoolView;
import io.altostratus.cli.command.ClustersCommand.UpdateView;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Progress;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.clusters.ClusterCondition;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.clusters.Taint;
import io.altostratus.core.clusters.TaintEffect;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alto clusters nodepools CLUSTER}: a cluster's node pools; subcommands add, scale, upgrade and remove them. */
@Command(name = "nodepools", aliases = "nodepool", description = "List a cluster's node pools (subcommands manage "
        + "them).",
        subcommands = {ClustersNodePoolsCommand.Add.class, ClustersNodePoolsCommand.Ls.class,
                ClustersNodePoolsCommand.Scale.class, ClustersNodePoolsCommand.Upgrade.class,
                ClustersNodePoolsCommand.Remove.class})
public final class ClustersNodePoolsCommand extends ClustersServiceCommand {
    @Parameters(paramLabel = "CLUSTER", arity = "0..1", description = "Cluster name.")
    String cluster;

    @Override
    protected ExitCode run(Clusters clusters, Output out, Progress progress) {
        if (cluster == null) {
            throw new UsageException("name the cluster: alto clusters nodepools ls CLUSTER");
        }
        out.list(clusters.nodePools(cluster), NodePoolView::of, ClustersCommand.nodePoolTable());
        return ExitCode.OK;
    }

    /** {@code alto clusters nodepools add CLUSTER NAME --type T --count N ...}. */
    @Command(name = "add", aliases = "create", description = "Add a node pool to an active cluster; prints it. With "
            + "--wait, waits until it is active.")
    public static final class Add extends ClustersServiceCommand {
        @Parameters(index = "0", paramLabel = "CLUSTER", description = "Cluster name.")
        String cluster;

        @Parameters(index = "1", paramLabel = "NAME", description = "Node pool name.")
        String name;

        @Option(names = "--type", paramLabel = "TYPE", description = "Node machine type (default: the provider's).")
        String type;

        @Option(names = "--count", defaultValue = "1", paramLabel = "N",
                description = "Nodes to run now (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--min", paramLabel = "N", description = "Autoscaling floor (default: --count).")
        Integer min;

        @Option(names = "--max", paramLabel = "N", description = "Autoscaling ceiling (default: --count, at least 1).")
        Integer max;

        @Option(names = "--label", paramLabel = "KEY=VALUE", converter = Args.TagConverter.class,
                description = "A Kubernetes label of every node (repeatable).")
        List<Args.Tag> labels = new ArrayList<>();

        @Option(names = "--taint", paramLabel = "KEY[=VALUE]:EFFECT",
                description = "A taint of every node (repeatable); EFFECT is NoSchedule, PreferNoSchedule or "
                        + "NoExecute.")
        List<String> taints = new ArrayList<>();

        @Option(names = "--disk", paramLabel = "GIB", description = "Each node's root disk.")
        Integer disk;

        @Option(names = "--version", paramLabel = "VERSION",
                description = "The nodes' Kubernetes version (default: the control plane's).")
        String version;

        @Option(names = "--wait", description = "Wait until the pool is active.")
        boolean await;

        @Option(names = "--timeout", defaultValue = "1800", paramLabel = "SECONDS",
                description = "With --wait, give up after this long (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        private NodePoolSpec spec;

        @Override
        protected void validate() {
            List<Taint> parsed = taints.stream().map(Add::taint).toList();
            spec = new NodePoolSpec(name, type, count, min != null ? min : count,
                    max != null ? max : Math.max(count, 1), Args.tags(labels), parsed, disk, version);
        }

        /** {@code key=value:Effect} or {@code key:Effect}, as kubectl taint writes them. */
        static Taint taint(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0) {
                throw new UsageException("--taint '" + text + "': expected KEY[=VALUE]:EFFECT, e.g. "
                        + "dedicated=gpu:NoSchedule");
            }
            String keyValue = text.substring(0, colon);
            int eq = keyValue.indexOf('=');
            return new Taint(eq < 0 ? keyValue : keyValue.substring(0, eq), eq < 0 ? "" : keyValue.substring(eq + 1),
                    TaintEffect.parse(text.substring(colon + 1)));
        }

        @Override
        protected ExitCode run(Clusters clusters, Output out, Progress progress) {
            NodePool pool = clusters.addNodePool(cluster, spec);
            if (await) {
                pool = clusters.waitForNodePool(cluster, name, ClusterCondition.ACTIVE,
                        waiter(progress, timeoutSeconds));
            }
            out.object(NodePoolView.of(pool));
            return ExitCode.OK;
        }
    }

    /** {@code alto clusters nodepools ls CLUSTER}. */
    @Command(name = "ls", aliases = "list", description = "List a cluster's node pools.")
    public static final class Ls extends ClustersServiceCommand {
        @Parameters(paramLabel = "CLUSTER", description = "Cluster name.")
        String cluster;

        @Override
        protected ExitCode run(Clusters clusters, Output out, Progress progress) {
            out.list(clusters.nodePools(cluster), NodePoolView::of, ClustersCommand.nodePoolTable());
            return ExitCode.OK;
        }
    }

    /** {@code alto clusters nodepools scale CLUSTER NAME --count N [--min A] [--max B]}. */
    @Command(name = "scale", description = "Resize a node pool; prints the update. Without --min/--max the pool's "
            + "own bounds are kept, widened to fit --count.")
    public static final class Scale extends ClustersServiceCommand {
        @Parameters(index = "0", paramLabel = "CLUSTER", description = "Cluster name.")
        String cluster;

        @Parameters(index = "1", paramLabel = "NAME", description = "Node pool name.")
        String name;

        @Option(names = "--count", required = true, paramLabel = "N", description = "Nodes to run.")
        int count;

        @Option(names = "--min", paramLabel = "N", description = "Autoscaling floor.")
        Integer min;

        @Option(names = "--max", paramLabel = "N", description = "Autoscaling ceiling.")
        Integer max;

        @Option(names = "--wait", description = "Wait until the update succeeds and the pool is active.")
        boolean await;

        @Option(names = "--timeout", defaultValue = "1800", paramLabel = "SECONDS",
                description = "With --wait, give up after this long (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        protected ExitCode run(Clusters clusters, Output out, Progress progress) {
            int floor = min != null ? min : 0;
            int ceiling = max != null ? max : 0;
            if (min == null || max == null) {
                NodePool current = clusters.requireNodePool(cluster, name);
                floor = min != null ? min : Math.min(current.min(), count);
                ceiling = max != null ? max : Math.max(current.max(), Math.max(count, 1));
            }
            ClusterUpdate update = clusters.scaleNodePool(cluster, name, count, floor, ceiling);
            if (await) {
                update = clusters.waitForUpdate(cluster, update.id(), waiter(progress, timeoutSeconds));
                clusters.waitForNodePool(cluster, name, ClusterCondition.ACTIVE, waiter(progress, timeoutSeconds));
            }
            out.object(UpdateView.of(update));
            return ExitCode.OK;
        }
    }

    /** {@code alto clusters nodepools upgrade CLUSTER NAME [--version V]}. */
    @Command(name = "upgrade", description = "Move a node pool's nodes to a Kubernetes version (default: the control "
            + "plane's); prints the update.")
    public static final class Upgrade extends ClustersServiceCommand {
        @Parameters(index = "0", paramLabel = "CLUSTER", description = "Cluster name.")
        String cluster;

        @Parameters(index = "1", paramLabel = "NAME", description = "Node pool name.")
        String name;

        @Option(names = "--version", paramLabel = "VERSION", description = "Target version.")
        String version;

        @Option(names = "--wait", description = "Wait until the update succeeds.")
        boolean await;

        @Option(names = "--timeout", defaultValue = "3600", paramLabel = "SECONDS",
                description = "With --wait, give up after this long (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        protected ExitCode run(Clusters clusters, Output out, Progress progress) {
            ClusterUpdate update = clusters.upgradeNodePool(cluster, name, version);
            if (await) {
                update = clusters.waitForUpdate(cluster, update.id(), waiter(progress, timeoutSeconds));
            }
            out.object(UpdateView.of(update));
            return ExitCode.OK;
        }
    }

    /** {@code alto clusters nodepools rm CLUSTER NAME [--wait]}. */
    @Command(name = "rm", aliases = "delete", description = "Delete a node pool and its nodes; prints it as the "
            + "deletion starts. With --wait, waits until it is gone.")
    public static final class Remove extends ClustersServiceCommand {
        @Parameters(index = "0", paramLabel = "CLUSTER", description = "Cluster name.")
        String cluster;

        @Parameters(index = "1", paramLabel = "NAME", description = "Node pool name.")
        String name;

        @Option(names = "--wait", description = "Wait until the pool is gone.")
        boolean await;

        @Option(names = "--timeout", defaultValue = "1800", paramLabel = "SECONDS",
                description = "With --wait, give up after this long (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        protected ExitCode run(Clusters clusters, Output out, Progress progress) {
            out.object(NodePoolView.of(clusters.deleteNodePool(cluster, name)));
            if (await) {
                clusters.waitForNodePool(cluster, name, ClusterCondition.DELETED, waiter(progress, timeoutSeconds));
                note("deleted node pool " + name + " of cluster " + cluster);
            }
            return ExitCode.OK;
        }
    }
}

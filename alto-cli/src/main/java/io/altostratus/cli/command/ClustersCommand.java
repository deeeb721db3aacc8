package io.altostratus.cli.command;

import io.altostratus.aws.clusters.EksClusters;
import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Progress;
import io.altostratus.cli.internal.Table;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterCondition;
import io.altostratus.core.clusters.ClusterSpec;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.Kubeconfig;
import io.altostratus.core.clusters.KubernetesVersion;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.wait.Waiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alto clusters}: managed Kubernetes on any provider that offers the clusters service (the local cloud,
 * aws's EKS, ...). Bare, it lists the clusters; its subcommands make, show, wait for, upgrade and delete them, write
 * kubeconfigs, and ({@code nodepools}) manage their node pools.
 */
@Command(name = "clusters", description = "List managed Kubernetes clusters (subcommands manage them).",
        subcommands = {ClustersCommand.Create.class, ClustersCommand.Ls.class, ClustersCommand.Show.class,
                ClustersCommand.Remove.class, ClustersCommand.Wait.class, ClustersCommand.KubeconfigVerb.class,
                ClustersCommand.Versions.class, ClustersCommand.Upgrade.class, ClustersNodePoolsCommand.class})
public final class ClustersCommand extends ClustersServiceCommand {
    @Override
    protected ExitCode run(Clusters clusters, Output out, Progress progress) {
        out.list(clusters.list(), ClusterView::of, clusterTable());
        return ExitCode.OK;
    }

    // ---- views: what -o json and -o yaml print ---------------------------------------------------------------

    /** A cluster as printed: the portable state in lower case beside the cloud's own word. */
    public record ClusterView(String name, String id, String region, String version, String state, String rawStatus,
                              String endpoint, String platformVersion, Instant createdAt, Map<String, String> tags,
                              Map<String, String> details) {
        static ClusterView of(Cluster c) {
            return new ClusterView(c.name(), c.id(), c.region(), c.version(), lower(c.state()), c.rawStatus(),
                    c.endpoint(), c.platformVersion(), c.createdAt(), c.tags(), c.details());
        }
    }

    /** A node pool as printed; taints as Kubernetes writes them ({@code key=value:NoSchedule}). */
    public record NodePoolView(String cluster, String name, String id, String state, String rawStatus,
                               String instanceType, int desired, int min, int max, String version,
                               Map<String, String> labels, List<String> taints, Integer diskGiB, List<String> nodeIds,
                               Instant createdAt, Map<String, String> details) {
        static NodePoolView of(NodePool p) {
            return new NodePoolView(p.cluster(), p.name(), p.id(), lower(p.state()), p.rawStatus(), p.instanceType(),
                    p.desired(), p.min(), p.max(), p.version(), p.labels(),
                    p.taints().stream().map(Object::toString).toList(), p.diskGiB(), p.nodeIds(), p.createdAt(),
                    p.details());
        }
    }

    /** A control plane or node pool update as printed, with EKS's words for type and status. */
    public record UpdateView(String id, String cluster, String nodePool, String type, String status,
                             Map<String, String> params, List<String> errors, Instant createdAt) {
        static UpdateView of(ClusterUpdate u) {
            return new UpdateView(u.id(), u.cluster(), u.nodePool(), u.type().wireName(), u.status().wireName(),
                    u.params(), u.errors(), u.createdAt());
        }
    }

    public record VersionView(String version, boolean isDefault, LocalDate endOfStandardSupport) {
        static VersionView of(KubernetesVersion v) {
            return new VersionView(v.version(), v.isDefault(), v.endOfStandardSupport());
        }
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static Table<Cluster> clusterTable() {
        return Table.of(Cluster.class)
                .col("NAME", Cluster::name)
                .col("VERSION", Cluster::version)
                .col("STATE", Cluster::stateName)
                .col("REGION", Cluster::region)
                .col("ENDPOINT", Cluster::endpoint)
                .col("CREATED", Cluster::createdAt);
    }

    static Table<NodePool> nodePoolTable() {
        return Table.of(NodePool.class)
                .col("NAME", NodePool::name)
                .col("TYPE", NodePool::instanceType)
                .col("DESIRED", NodePool::desired)
                .col("MIN", NodePool::min)
                .col("MAX", NodePool::max)
                .col("VERSION", NodePool::version)
                .col("STATE", NodePool::stateName);
    }

    static Table<KubernetesVersion> versionTable() {
        return Table.of(KubernetesVersion.class)
                .col("VERSION", KubernetesVersion::version)
                .col("DEFAULT", v -> v.isDefault() ? "yes" : "")
                .col("END-OF-STANDARD-SUPPORT", KubernetesVersion::endOfStandardSupport);
    }

    // ---- subcommands ------------------------------------------------------------------------------------------

    /** {@code alto clusters create NAME [--version V] [--nodepool SPEC]... [--wait]}. */
    @Command(name = "create", description = "Create a cluster (and node pools); prints it. With --wait, waits until "
            + "it and its pools are active.")
    public static final class Create extends ClustersServiceCommand {
        @Parameters(paramLabel = "NAME", description = "Cluster name.")
        String name;

        @Option(names = "--version", paramLabel = "VERSION", description = "Kubernetes minor version, e.g. 1.31 "
                + "(default: the provider's; see 'alto clusters versions').")
        String version;

        @Option(names = "--nodepool", paramLabel = "SPEC", description = "A node pool made with the cluster "
                + "(repeatable): name=N,type=T,count=C[,min=A][,max=B][,disk=GIB][,version=V]. On aws the pools are "
                + "made once the cluster is active: use --wait.")
        List<String> nodePools = new ArrayList<>();

        @Option(names = "--subnet", paramLabel = "ID", description = "Subnet (repeatable or comma-separated; EKS).")
        List<String> subnets = new ArrayList<>();

        @Option(names = "--security-group", paramLabel = "ID",
                description = "Control plane security group (repeatable or comma-separated; EKS).")
        List<String> securityGroups = new ArrayList<>();

        @Option(names = "--role", paramLabel = "KEY=VALUE", converter = Args.TagConverter.class,
                description = "A cloud identity (repeatable), e.g. clusterRoleArn=ARN, nodeRoleArn=ARN on aws.")
        List<Args.Tag> roles = new ArrayList<>();

        @Option(names = "--tag", paramLabel = "KEY=VALUE", converter = Args.TagConverter.class,
                description = "A tag (repeatable).")
        List<Args.Tag> tags = new ArrayList<>();

        @Option(names = "--wait", description = "Wait until the cluster and its node pools are active.")
        boolean await;

        @Option(names = "--timeout", defaultValue = "1800", paramLabel = "SECONDS",
                description = "With --wait, give up after this long (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        private ClusterSpec spec;

        @Override
        protected void validate() {
            ClusterSpec.Builder b = ClusterSpec.builder(name).version(version)
                    .subnetIds(Args.splitCommas(subnets)).securityGroupIds(Args.splitCommas(securityGroups))
                    .roles(Args.tags(roles)).tags(Args.tags(tags));
            for (String text : nodePools) {
                b.nodePool(parsePool(text));
            }
            spec = b.build();
        }

        @Override
        protected ExitCode run(Clusters clusters, Output out, Progress progress) {
            Cluster made = clusters.create(spec);
            if (!await && !spec.nodePools().isEmpty()) {
                warnIfPoolsWait(clusters);
            }
            if (await) {
                Waiter waiter = waiter(progress, timeoutSeconds);
                made = clusters.waitFor(name, ClusterCondition.ACTIVE, waiter);
                for (NodePoolSpec pool : spec.nodePools()) {
                    clusters.waitForNodePool(name, pool.name(), ClusterCondition.ACTIVE, waiter);
                }
            }
            out.object(ClusterView.of(made));
            return ExitCode.OK;
        }

        /**
         * Some providers (EKS) make node pools only on an active cluster, so the service that created the cluster
         * holds its pools until then; this process ends before that, so say so.
         */
        private void warnIfPoolsWait(Clusters clusters) {
            String first = spec.nodePools().get(0).name();
            clusters.nodePool(name, first).filter(p -> EksClusters.WAITING_FOR_CLUSTER.equals(p.rawStatus()))
                    .ifPresent(p -> note("the node pools of cluster " + name + " are made once it is active, by the "
                            + "process that waits for it: run create with --wait, or add them later with 'alto "
                            + "clusters nodepools add'"));
        }

        /** {@code name=N,type=T,count=C[,min=A][,max=B][,disk=GIB][,version=V]}. */
        static NodePoolSpec parsePool(String text) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String part : text.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--nodepool '" + text + "': expected key=value pairs separated by "
                            + "commas (name, type, count, min, max, disk, version)");
                }
                String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                if (!List.of("name", "type", "count", "min", "max", "disk", "version").contains(key)) {
                    throw new UsageException("--nodepool '" + text + "': unknown key '" + key + "' (expected name, "
                            + "type, count, min, max, disk, version)");
                }
                fields.put(key, part.substring(eq + 1).strip());
            }
            if (fields.get("name") == null) {
                throw new UsageException("--nodepool '" + text + "': name= is required");
            }
            int count = number(text, fields, "count", 1);
            int min = number(text, fields, "min", count);
            int max = number(text, fields, "max", Math.max(count, 1));
            Integer disk = fields.containsKey("disk") ? number(text, fields, "disk", 0) : null;
            return new NodePoolSpec(fields.get("name"), fields.get("type"), count, min, max, Map.of(), List.of(),
                    disk, fields.get("version"));
        }

        private static int number(String text, Map<String, String> fields, String key, int fallback) {
            String value = fields.get(key);
            if (value == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new UsageException("--nodepool '" + text + "': " + key + " must be a whole number, not '"
                        + value + "'");
            }
        }
    }

    /** {@code alto clusters ls}. */
    @Command(name = "ls", aliases = "list", description = "List clusters.")
    public static final class Ls extends ClustersServiceCommand {
        @Override
        protected ExitCode run(Clusters clusters, Output out, Progress progress) {
            out.list(clusters.list(), ClusterView::of, clusterTable());
            return ExitCode.OK;
        }
    }

    /** {@code alto clusters show NAME}. */
    @Command(name = "show", description = "Show one cluster.")
    public static final class Show extends ClustersServiceCommand {
        @Parameters(paramLabel = "NAME", description = "Cluster name.")
        String name;

        @Override
        protected ExitCode run(Clusters clusters, Output out, Progress progress) {
            out.object(ClusterView.of(clusters.require(name)));
            return ExitCode.OK;
        }
    }

    /** {@code alto clusters rm NAME [--wait]}. */
    @Command(name = "rm", aliases = "delete", description = "Delete a cluster that has no node pools left; prints "
            + "it as the deletion starts. With --wait, waits until it is gone.")
    public static final class Remove extends ClustersServiceCommand {
        @Parameters(paramLabel = "NAME", description = "Cluster name.")
        String name;

        @Option(names = "--wait", description = "Wait until the cluster is gone.")
        boolean await;

        @Option(names = "--timeout", defaultValue = "1800", paramLabel = "SECONDS",
                description = "With --wait, give up after this long (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        protected ExitCode run(Clusters clusters, Output out, Progress progress) {
            out.object(ClusterView.of(clusters.delete(name)));
            if (await) {
                clusters.waitFor(name, ClusterCondition.DELETED, waiter(progress, timeoutSeconds));
                note("deleted cluster " + name);
            }
            return ExitCode.OK;
        }
    }

    /** {@code alto clusters wait NAME [--state active|failed|deleted]}. */
    @Command(name = "wait", description = "Wait until a cluster is active, failed or deleted; prints it (nothing "
            + "once deleted). Exits 4 on timeout, 6 when the state can no longer be reached.")
    public static final class Wait extends ClustersServiceCommand {
        @Parameters(paramLabel = "NAME", description = "Cluster name.")
        String name;

        @Option(names = "--state", defaultValue = "active", paramLabel = "STATE",
                description = "active, failed or deleted (default: ${DEFAULT-VALUE}).")
        String state;

        @Option(names = "--timeout", defaultValue = "1800", paramLabel = "SECONDS",
                description = "Give up after this long (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        private ClusterCondition condition;

        @Override
        protected void validate() {
            condition = ClusterCondition.parse(state);
        }

        @Override
        protected ExitCode run(Clusters clusters, Output out, Progress progress) {
            Cluster c = clusters.waitFor(name, condition, waiter(progress, timeoutSeconds));
            if (condition == ClusterCondition.DELETED) {
                note("cluster " + name + " is deleted");
            } else {
                out.object(ClusterView.of(c));
            }
            return ExitCode.OK;
        }
    }

    /** {@code alto clusters kubeconfig NAME [--out FILE]}. */
    @Command(name = "kubeconfig", description = "Print a cluster's kubeconfig (YAML), or write it to a file readable "
            + "by its owner only.")
    public static final class KubeconfigVerb extends ClustersServiceCommand {
        @Parameters(paramLabel = "NAME", description = "Cluster name.")
        String name;

        @Option(names = "--out", paramLabel = "FILE", description = "Write it here (mode 0600) instead of stdout.")
        Path file;

        @Override
        protected ExitCode run(Clusters clusters, Output out, Progress progress) {
            Kubeconfig config = clusters.kubeconfig(name);
            if (file == null) {
                out().print(config.yaml());
                out().flush();
                return ExitCode.OK;
            }
            writePrivately(file, config.yaml());
            note("wrote the kubeconfig of cluster " + name + " to " + file + " (context " + config.contextName() + ")");
            return ExitCode.OK;
        }

        /**
         * Writes through a file made 0600 from the start beside the target, then moved over it: the credentials are
         * never readable by others, not even for a moment, and a reader never sees half a file.
         */
        static void writePrivately(Path target, String text) {
            Path dir = target.toAbsolutePath().getParent();
            try {
                Files.createDirectories(dir);
                Path temp;
                try {
                    temp = Files.createTempFile(dir, ".kubeconfig", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    temp = Files.createTempFile(dir, ".kubeconfig", ".tmp");
                }
                try {
                    Files.writeString(temp, text, StandardCharsets.UTF_8);
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temp);
                }
            } catch (FileAlreadyExistsException e) {
                throw new UsageException("cannot write " + target + ": it exists and cannot be replaced");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + Args.reason(e), e);
            }
        }
    }

    /** {@code alto clusters versions}. */
    @Command(name = "versions", description = "List the Kubernetes versions a new cluster may run.")
    public static final class Versions extends ClustersServiceCommand {
        @Override
        protected ExitCode run(Clusters clusters, Output out, Progress progress) {
            out.list(clusters.versions(), VersionView::of, versionTable());
            return ExitCode.OK;
        }
    }

    /** {@code alto clusters upgrade NAME VERSION [--wait]}. */
    @Command(name = "upgrade", description = "Move a cluster's control plane to the next minor version; prints the "
            + "update. With --wait, waits until it succeeds.")
    public static final class Upgrade extends ClustersServiceCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Cluster name.")
        String name;

        @Parameters(index = "1", paramLabel = "VERSION", description = "The next minor version, e.g. 1.32.")
        String version;

        @Option(names = "--wait", description = "Wait until the update succeeds.")
        boolean await;

        @Option(names = "--timeout", defaultValue = "3600", paramLabel = "SECONDS",
                description = "With --wait, give up after this long (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        protected ExitCode run(Clusters clusters, Output out, Progress progress) {
            ClusterUpdate update = clusters.upgrade(name, version);
            if (await) {
                update = clusters.waitForUpdate(name, update.id(), waiter(progress, timeoutSeconds));
            }
            out.object(UpdateView.of(Objects.requireNonNull(update)));
            return ExitCode.OK;
        }
    }
}

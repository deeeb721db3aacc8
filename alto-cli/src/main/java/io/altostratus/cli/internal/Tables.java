package io.altostratus.cli.internal;

import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.model.InstanceSnapshot;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Volume;
import io.altostratus.core.model.Zone;
import io.altostratus.cli.view.StateChangeView;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The table layout of each kind of resource, in one place so every verb shows a kind the same way. */
public final class Tables {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private Tables() {
    }

    public static String when(Instant t) {
        return t == null ? null : WHEN.format(t);
    }

    public static Table<Instance> instances() {
        return Table.of(Instance.class)
                .col("ID", Instance::id)
                .col("NAME", Instance::name)
                .col("STATE", i -> i.state().wireName())
                .col("TYPE", Instance::instanceType)
                .col("ZONE", Instance::zone)
                .col("PRIVATE-IP", Instance::privateIp)
                .col("PUBLIC-IP", Instance::publicIp)
                .col("IMAGE", Instance::imageId)
                .col("LAUNCHED", i -> when(i.launchTime()));
    }

    public static Table<StateChangeView> stateChanges() {
        return Table.of(StateChangeView.class)
                .col("ID", StateChangeView::instanceId)
                .col("PREVIOUS", StateChangeView::previousState)
                .col("CURRENT", StateChangeView::currentState);
    }

    public static Table<Image> images() {
        return Table.of(Image.class)
                .col("ID", Image::id)
                .col("DISTRO", Image::distro)
                .col("RELEASE", Image::release)
                .col("ARCH", Image::architecture)
                .col("STATE", Image::state)
                .col("OWNER", i -> i.ownerAlias() != null ? i.ownerAlias() : i.ownerId())
                .col("CREATED", i -> when(i.creationDate()))
                .col("NAME", Image::name);
    }

    public static Table<InstanceType> types() {
        return Table.of(InstanceType.class)
                .col("NAME", InstanceType::name)
                .col("VCPUS", InstanceType::vcpus)
                .col("MEMORY-GIB", t -> gib(t.memoryMiB()))
                .col("ARCH", t -> t.architectures().stream().map(Architecture::wireName).collect(Collectors.joining(",")))
                .col("GPUS", t -> t.gpus() == 0 ? null : t.gpus())
                .col("USD/HOUR", t -> t.pricePerHour() == null ? null : String.format(Locale.ROOT, "%.4f", t.pricePerHour()));
    }

    private static String gib(long mib) {
        return mib % 1024 == 0 ? Long.toString(mib / 1024) : String.format(Locale.ROOT, "%.2f", mib / 1024.0);
    }

    public static Table<Region> regions() {
        return Table.of(Region.class)
                .col("NAME", Region::name)
                .col("DISPLAY-NAME", Region::displayName)
                .col("OPT-IN", r -> r.optIn() ? "yes" : "no")
                .col("ENDPOINT", Region::endpoint);
    }

    public static Table<Zone> zones() {
        return Table.of(Zone.class)
                .col("NAME", Zone::name)
                .col("ZONE-ID", Zone::zoneId)
                .col("REGION", Zone::region)
                .col("STATE", Zone::state);
    }

    public static Table<KeyPair> keyPairs() {
        return Table.of(KeyPair.class)
                .col("NAME", KeyPair::name)
                .col("ID", KeyPair::id)
                .col("TYPE", KeyPair::type)
                .col("CREATED", k -> when(k.createTime()))
                .col("FINGERPRINT", KeyPair::fingerprint);
    }

    public static Table<Network> networks() {
        return Table.of(Network.class)
                .col("ID", Network::id)
                .col("NAME", Network::name)
                .col("CIDR", Network::cidr)
                .col("DEFAULT", n -> n.isDefault() ? "yes" : "no")
                .col("STATE", Network::state);
    }

    public static Table<Subnet> subnets() {
        return Table.of(Subnet.class)
                .col("ID", Subnet::id)
                .col("NAME", Subnet::name)
                .col("NETWORK", Subnet::networkId)
                .col("CIDR", Subnet::cidr)
                .col("ZONE", Subnet::zone)
                .col("FREE-IPS", Subnet::availableIps)
                .col("PUBLIC-IP", s -> s.mapPublicIpOnLaunch() ? "yes" : "no");
    }

    public static Table<SecurityGroup> securityGroups() {
        return Table.of(SecurityGroup.class)
                .col("ID", SecurityGroup::id)
                .col("NAME", SecurityGroup::name)
                .col("NETWORK", SecurityGroup::networkId)
                .col("INGRESS", g -> rules(g.ingress()))
                .col("DESCRIPTION", SecurityGroup::description);
    }

    /** Rules in brief: {@code tcp/22<-0.0.0.0/0}. */
    static String rules(List<SecurityRule> rules) {
        if (rules.isEmpty()) {
            return null;
        }
        return rules.stream().map(r -> {
            String proto = "-1".equals(r.protocol()) ? "all" : r.protocol();
            String ports = r.fromPort() < 0 ? "" : r.fromPort() == r.toPort() ? "/" + r.fromPort()
                    : "/" + r.fromPort() + "-" + r.toPort();
            List<String> sources = new java.util.ArrayList<>(r.cidrs());
            sources.addAll(r.ipv6Cidrs());
            sources.addAll(r.groupIds());
            return proto + ports + "<-" + String.join("+", sources);
        }).collect(Collectors.joining(" "));
    }

    public static Table<Volume> volumes() {
        return Table.of(Volume.class)
                .col("ID", Volume::id)
                .col("NAME", Volume::name)
                .col("ZONE", Volume::zone)
                .col("SIZE-GIB", Volume::sizeGiB)
                .col("TYPE", Volume::type)
                .col("STATE", Volume::state)
                .col("INSTANCE", v -> v.attachment() == null ? null : v.attachment().instanceId())
                .col("DEVICE", v -> v.attachment() == null ? null : v.attachment().device());
    }

    public static Table<Snapshot> snapshots() {
        return Table.of(Snapshot.class)
                .col("ID", Snapshot::id)
                .col("VOLUME", Snapshot::volumeId)
                .col("SIZE-GIB", Snapshot::sizeGiB)
                .col("STATE", Snapshot::state)
                .col("PROGRESS", s -> s.progress() + "%")
                .col("STARTED", s -> when(s.startTime()))
                .col("DESCRIPTION", Snapshot::description);
    }

    public static Table<InstanceSnapshot> instanceSnapshots() {
        return Table.of(InstanceSnapshot.class)
                .col("ID", InstanceSnapshot::id)
                .col("INSTANCE", InstanceSnapshot::instanceId)
                .col("NAME", InstanceSnapshot::name)
                .col("TAKEN", s -> when(s.createdAt()))
                .col("DESCRIPTION", InstanceSnapshot::description);
    }
}

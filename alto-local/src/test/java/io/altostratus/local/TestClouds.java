package io.altostratus.local;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.ec2.Ec2InstanceAttributes;
import io.altostratus.core.ec2.Ec2MetadataOptions;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.ElasticAddresses;
import io.altostratus.core.ec2.SpotRequests;
import io.altostratus.core.ext.ConsoleOutput;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Local clouds for tests: a manual clock, one store per test, instant transitions unless told otherwise. */
final class TestClouds implements AutoCloseable {
    static final String ACCOUNT = "123456789012";
    static final String OTHER_ACCOUNT = "210987654321";

    final ManualClock clock = new ManualClock();
    final StateStore store;
    private final Map<String, String> settings = new LinkedHashMap<>(Map.of("transition_ms", "0"));

    TestClouds() {
        this(StateStores.inMemory());
    }

    TestClouds(StateStore store) {
        this.store = store;
    }

    TestClouds setting(String key, String value) {
        settings.put(key, value);
        return this;
    }

    LocalCloud open() {
        return open(ACCOUNT, "us-east-1");
    }

    LocalCloud open(String account, String region) {
        return (LocalCloud) LocalProviderFactory.withStore(store, Catalogs.aws()).open(context(account, region, null));
    }

    /** The extension of that type, which the local cloud offers (a test fails here if it does not). */
    static <T extends Extension> T ext(ComputeProvider cloud, Class<T> type) {
        return cloud.extension(type).orElseThrow(() -> new AssertionError(cloud.name() + " offers no "
                + type.getSimpleName()));
    }

    static Volumes volumes(ComputeProvider cloud) {
        return ext(cloud, Volumes.class);
    }

    static Snapshots snapshots(ComputeProvider cloud) {
        return ext(cloud, Snapshots.class);
    }

    static KeyPairs keyPairs(ComputeProvider cloud) {
        return ext(cloud, KeyPairs.class);
    }

    static Networks networks(ComputeProvider cloud) {
        return ext(cloud, Networks.class);
    }

    static SecurityGroups groups(ComputeProvider cloud) {
        return ext(cloud, SecurityGroups.class);
    }

    static NetworkInterfaces interfaces(ComputeProvider cloud) {
        return ext(cloud, NetworkInterfaces.class);
    }

    static ConsoleOutput console(ComputeProvider cloud) {
        return ext(cloud, ConsoleOutput.class);
    }

    static Ec2Networking ec2Networking(ComputeProvider cloud) {
        return ext(cloud, Ec2Networking.class);
    }

    static ElasticAddresses elasticAddresses(ComputeProvider cloud) {
        return ext(cloud, ElasticAddresses.class);
    }

    static SpotRequests spot(ComputeProvider cloud) {
        return ext(cloud, SpotRequests.class);
    }

    static Ec2MetadataOptions metadataOptions(ComputeProvider cloud) {
        return ext(cloud, Ec2MetadataOptions.class);
    }

    static Ec2InstanceAttributes attributes(ComputeProvider cloud) {
        return ext(cloud, Ec2InstanceAttributes.class);
    }

    ProviderContext context(String account, String region, Path stateDir) {
        return new ProviderContext(region, account, null, stateDir, settings, clock);
    }

    @Override
    public void close() {
        store.close();
    }
}

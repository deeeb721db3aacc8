package io.altostratus.gcp.internal;

import com.google.api.core.ApiFunction;
import com.google.api.gax.core.BackgroundResource;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.rpc.ClientSettings;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.cloud.compute.v1.DisksClient;
import com.google.cloud.compute.v1.DisksSettings;
import com.google.cloud.compute.v1.GlobalOperationsClient;
import com.google.cloud.compute.v1.GlobalOperationsSettings;
import com.google.cloud.compute.v1.ImagesClient;
import com.google.cloud.compute.v1.ImagesSettings;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.MachineTypesClient;
import com.google.cloud.compute.v1.MachineTypesSettings;
import com.google.cloud.compute.v1.ProjectsClient;
import com.google.cloud.compute.v1.ProjectsSettings;
import com.google.cloud.compute.v1.RegionsClient;
import com.google.cloud.compute.v1.SnapshotsClient;
import com.google.cloud.compute.v1.SnapshotsSettings;
import com.google.cloud.compute.v1.RegionsSettings;
import com.google.cloud.compute.v1.ZoneOperationsClient;
import com.google.cloud.compute.v1.ZoneOperationsSettings;
import com.google.cloud.compute.v1.ZonesClient;
import com.google.cloud.compute.v1.ZonesSettings;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Compute Engine clients of one session, each made on first use: opening a session costs nothing, and a session
 * that only lists instances never builds the image or machine-type clients (each client owns a transport and an
 * executor). {@link #close()} shuts down exactly those that were made.
 *
 * <p>Every client speaks REST (HttpJson) to Google's endpoint or to the override, and has the client library's own
 * retries switched off: {@link GceCalls} is the one place that retries, so that its counts and delays are the truth.
 */
public final class GceClients implements AutoCloseable {
    private static final ApiFunction<UnaryCallSettings.Builder<?, ?>, Void> NO_RETRIES = builder -> {
        builder.setRetryableCodes(Set.of());
        return null;
    };

    private final String endpoint;
    private final CredentialsProvider credentials;
    private final List<BackgroundResource> made = new ArrayList<>();
    private boolean closed;

    private InstancesClient instances;
    private ZoneOperationsClient zoneOperations;
    private GlobalOperationsClient globalOperations;
    private ZonesClient zones;
    private RegionsClient regions;
    private MachineTypesClient machineTypes;
    private ImagesClient images;
    private ProjectsClient projects;
    private DisksClient disks;
    private SnapshotsClient snapshots;

    /**
     * @param endpoint    an endpoint override ({@code http://127.0.0.1:8773} or an https URL), or null for Google's
     * @param credentials how calls authenticate ({@code NoCredentialsProvider} for an emulator)
     */
    public GceClients(String endpoint, CredentialsProvider credentials) {
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    public synchronized InstancesClient instances() {
        if (instances == null) {
            InstancesSettings.Builder b = common(InstancesSettings.newBuilder());
            b.applyToAllUnaryMethods(NO_RETRIES);
            instances = keep(open(() -> InstancesClient.create(b.build())));
        }
        return instances;
    }

    public synchronized ZoneOperationsClient zoneOperations() {
        if (zoneOperations == null) {
            ZoneOperationsSettings.Builder b = common(ZoneOperationsSettings.newBuilder());
            b.applyToAllUnaryMethods(NO_RETRIES);
            zoneOperations = keep(open(() -> ZoneOperationsClient.create(b.build())));
        }
        return zoneOperations;
    }

    public synchronized GlobalOperationsClient globalOperations() {
        if (globalOperations == null) {
            GlobalOperationsSettings.Builder b = common(GlobalOperationsSettings.newBuilder());
            b.applyToAllUnaryMethods(NO_RETRIES);
            globalOperations = keep(open(() -> GlobalOperationsClient.create(b.build())));
        }
        return globalOperations;
    }

    public synchronized ZonesClient zones() {
        if (zones == null) {
            ZonesSettings.Builder b = common(ZonesSettings.newBuilder());
            b.applyToAllUnaryMethods(NO_RETRIES);
            zones = keep(open(() -> ZonesClient.create(b.build())));
        }
        return zones;
    }

    public synchronized RegionsClient regions() {
        if (regions == null) {
            RegionsSettings.Builder b = common(RegionsSettings.newBuilder());
            b.applyToAllUnaryMethods(NO_RETRIES);
            regions = keep(open(() -> RegionsClient.create(b.build())));
        }
        return regions;
    }

    public synchronized MachineTypesClient machineTypes() {
        if (machineTypes == null) {
            MachineTypesSettings.Builder b = common(MachineTypesSettings.newBuilder());
            b.applyToAllUnaryMethods(NO_RETRIES);
            machineTypes = keep(open(() -> MachineTypesClient.create(b.build())));
        }
        return machineTypes;
    }

    public synchronized ImagesClient images() {
        if (images == null) {
            ImagesSettings.Builder b = common(ImagesSettings.newBuilder());
            b.applyToAllUnaryMethods(NO_RETRIES);
            images = keep(open(() -> ImagesClient.create(b.build())));
        }
        return images;
    }

    public synchronized ProjectsClient projects() {
        if (projects == null) {
            ProjectsSettings.Builder b = common(ProjectsSettings.newBuilder());
            b.applyToAllUnaryMethods(NO_RETRIES);
            projects = keep(open(() -> ProjectsClient.create(b.build())));
        }
        return projects;
    }

    public synchronized DisksClient disks() {
        if (disks == null) {
            DisksSettings.Builder b = common(DisksSettings.newBuilder());
            b.applyToAllUnaryMethods(NO_RETRIES);
            disks = keep(open(() -> DisksClient.create(b.build())));
        }
        return disks;
    }

    public synchronized SnapshotsClient snapshots() {
        if (snapshots == null) {
            SnapshotsSettings.Builder b = common(SnapshotsSettings.newBuilder());
            b.applyToAllUnaryMethods(NO_RETRIES);
            snapshots = keep(open(() -> SnapshotsClient.create(b.build())));
        }
        return snapshots;
    }

    /** How many clients this session has made so far (tests check that opening builds none). */
    public synchronized int clientsMade() {
        return made.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (BackgroundResource resource : made) {
            try {
                resource.close();
            } catch (Exception e) {
                // Closing is best effort: a client that fails to shut down holds nothing the next session needs.
            }
        }
        made.clear();
    }

    private <B extends ClientSettings.Builder<?, B>> B common(B builder) {
        if (closed) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "SessionClosed", "the gcp session is closed");
        }
        if (endpoint != null) {
            builder.setEndpoint(endpoint);
        }
        return builder.setCredentialsProvider(credentials);
    }

    private <T extends BackgroundResource> T keep(T resource) {
        made.add(resource);
        return resource;
    }

    @FunctionalInterface
    private interface Opener<T> {
        T open() throws IOException;
    }

    private static <T> T open(Opener<T> opener) {
        try {
            return opener.open();
        } catch (IOException e) {
            throw new AltoException(ErrorCode.AUTH_FAILURE, "ClientSetup",
                    "cannot set up the Compute Engine client: " + e.getMessage(), e);
        }
    }
}

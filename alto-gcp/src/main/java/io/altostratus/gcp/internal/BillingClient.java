package io.altostratus.gcp.internal;

import com.google.api.gax.core.CredentialsProvider;
import com.google.cloud.billing.v1.CloudCatalogClient;
import com.google.cloud.billing.v1.CloudCatalogSettings;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.util.Set;

/**
 * Opens the Cloud Billing Catalog client the way {@link GceClients} opens the Compute Engine ones: over REST
 * (HTTP/JSON; the client's default is gRPC, whose transport is not on alto's class path), to Google's endpoint or an
 * override, with the client library's own retries off so that the caller's retrier is the one place that retries.
 */
public final class BillingClient {
    private BillingClient() {
    }

    /**
     * @param endpoint    an endpoint override ({@code http://127.0.0.1:8773}), or null for Google's
     * @param credentials how calls authenticate ({@code NoCredentialsProvider} for an emulator)
     * @throws AltoException AUTH_FAILURE (ClientSetup) when the client cannot be set up
     */
    public static CloudCatalogClient open(String endpoint, CredentialsProvider credentials) {
        try {
            CloudCatalogSettings.Builder b = CloudCatalogSettings.newHttpJsonBuilder()
                    .setCredentialsProvider(credentials);
            if (endpoint != null) {
                b.setEndpoint(endpoint);
            }
            b.applyToAllUnaryMethods(builder -> {
                builder.setRetryableCodes(Set.of());
                return null;
            });
            return CloudCatalogClient.create(b.build());
        } catch (IOException e) {
            throw new AltoException(ErrorCode.AUTH_FAILURE, "ClientSetup",
                    "cannot set up the Cloud Billing client: " + e.getMessage(), e);
        }
    }
}

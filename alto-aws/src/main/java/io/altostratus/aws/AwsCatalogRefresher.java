package io.altostratus.aws;

import io.altostratus.aws.catalog.AwsCatalogRefresh;
import io.altostratus.catalog.refresh.CatalogRefresher;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The aws catalog refresh as the provider service the CLI opens by name: where and as whom come from the context it
 * was opened with (see {@link AwsProviderFactory#service}), what to refresh from each request.
 */
final class AwsCatalogRefresher implements CatalogRefresher {
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;
    private final URI pricingEndpoint;

    /**
     * @param endpoint        an EC2-compatible endpoint, or null for AWS's regional endpoints
     * @param credentials     whom to call as; closed with this service when it holds resources (the SDK's default
     *                        chain)
     * @param clock           what the snapshot is stamped with and spot prices are asked for
     * @param pricingEndpoint a Pricing API endpoint ({@code [aws] pricing_endpoint}), or null for AWS's (which is
     *                        not called against an EC2 endpoint override)
     */
    AwsCatalogRefresher(URI endpoint, AwsCredentialsProvider credentials, Clock clock, URI pricingEndpoint) {
        this.endpoint = endpoint;
        this.pricingEndpoint = pricingEndpoint;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String provider() {
        return "aws";
    }

    @Override
    public Result refresh(Request request) {
        return AwsCatalogRefresh.builder()
                .endpoint(endpoint)
                .pricingEndpoint(pricingEndpoint)
                .credentials(credentials)
                .clock(clock)
                .request(request)
                .keepBuilds(request.keepBuilds())
                .build()
                .run();
    }

    @Override
    public void close() {
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}

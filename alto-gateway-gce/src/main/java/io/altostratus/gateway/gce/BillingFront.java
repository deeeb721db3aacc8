package io.altostratus.gateway.gce;

import io.altostratus.gateway.auth.BearerTokens;
import com.sun.net.httpserver.HttpHandler;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.gcp.GcpUnitPrices;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.gce.internal.billing.BillingHttpHandler;
import io.altostratus.gateway.gce.internal.billing.ComputeSkus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Cloud Billing Catalog v1 front: {@code GET /v1/services} (the Compute Engine service,
 * {@code services/6F81-5844-456A}) and {@code GET /v1/services/6F81-5844-456A/skus}, one SKU per unit price of the
 * GCP catalog ({@link Catalogs#gcpUnitPrices()}: per vCPU-hour, per GiB-hour and per instance-hour, on demand and
 * Spot, per machine family and region), so a price refresh that reads Google's catalog runs offline against this
 * server. Mounted on the gateway's server beside the Compute Engine front, with the same bearer-token rules: in
 * strict mode any token of {@link BearerTokens} is accepted (the catalog is public to every project).
 *
 * <pre>{@code
 * BillingFront billing = BillingFront.builder().authMode(AuthMode.PERMISSIVE).build();
 * try (Gateway gateway = billing.mountOn(gce.mountOn(Gateway.builder().port(0).dispatcher(ec2))).start()) {
 *     // CloudCatalogSettings.newHttpJsonBuilder().setEndpoint("http://127.0.0.1:" + gateway.port()) ...
 * }
 * }</pre>
 */
public final class BillingFront {
    /** Where the front is mounted (the JDK server gives each request to the longest matching prefix). */
    public static final String PATH_PREFIX = BillingHttpHandler.PREFIX;
    /** The Compute Engine service id of the Cloud Billing Catalog. */
    public static final String COMPUTE_SERVICE_ID = ComputeSkus.SERVICE_ID;

    private final HttpHandler handler;

    private BillingFront(HttpHandler handler) {
        this.handler = handler;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The handler to mount at {@link #PATH_PREFIX}. */
    public HttpHandler handler() {
        return handler;
    }

    /** Mounts this front on a gateway being built. */
    public Gateway.Builder mountOn(Gateway.Builder gateway) {
        return gateway.mount(PATH_PREFIX, handler);
    }

    /** Configures a {@link BillingFront}. */
    public static final class Builder {
        private GcpUnitPrices prices;
        private Instant pricesAsOf;
        private final Map<String, BigDecimal> ratesPerUsd = new LinkedHashMap<>(Map.of("USD", BigDecimal.ONE));
        private AuthMode authMode = AuthMode.STRICT;
        private BearerTokens tokens;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The unit prices to serve and when they took effect (each SKU's {@code effectiveTime}). Default: the
         * shipped GCP catalog's, as of its price data's date.
         */
        public Builder unitPrices(GcpUnitPrices prices, Instant asOf) {
            this.prices = Objects.requireNonNull(prices, "prices");
            this.pricesAsOf = Objects.requireNonNull(asOf, "asOf");
            return this;
        }

        /**
         * Serves {@code currencyCode} besides USD, at {@code unitsPerUsd} (the SKUs' {@code currencyConversionRate});
         * a currency not configured is answered with INVALID_ARGUMENT, as no rates are known offline.
         */
        public Builder currency(String currencyCode, BigDecimal unitsPerUsd) {
            Objects.requireNonNull(currencyCode, "currencyCode");
            if (!currencyCode.matches("[A-Z]{3}") || unitsPerUsd.signum() <= 0) {
                throw new IllegalArgumentException("an ISO 4217 code and a positive rate are needed: " + currencyCode
                        + " " + unitsPerUsd);
            }
            ratesPerUsd.put(currencyCode, unitsPerUsd);
            return this;
        }

        /** {@link AuthMode#STRICT} (a token of {@link #tokens(BearerTokens)}) or {@link AuthMode#PERMISSIVE}. */
        public Builder authMode(AuthMode authMode) {
            this.authMode = Objects.requireNonNull(authMode, "authMode");
            return this;
        }

        /** The tokens strict mode accepts; the Compute Engine front's ({@link GceFront#tokens()}) to share them. */
        public Builder tokens(BearerTokens tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /** The clock that says which {@code startTime}/{@code endTime} are in the future. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @throws IllegalStateException in strict mode without {@link #tokens(BearerTokens)}
         */
        public BillingFront build() {
            if (authMode == AuthMode.STRICT && tokens == null) {
                throw new IllegalStateException("strict mode needs the bearer tokens to accept");
            }
            GcpUnitPrices served = prices != null ? prices : Catalogs.gcpUnitPrices();
            Instant asOf = pricesAsOf != null ? pricesAsOf : Catalogs.gcp().source().takenAt();
            ComputeSkus skus = new ComputeSkus(served, asOf);
            return new BillingFront(new BillingHttpHandler(skus, ratesPerUsd, authMode, tokens, clock));
        }
    }
}

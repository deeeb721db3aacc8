package io.altostratus.gateway.pricing;

import com.sun.net.httpserver.HttpHandler;
import io.altostratus.catalog.Catalog;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AccessKeys;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.auth.Authenticator;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * The AWS Price List Query API ({@code AWSPriceListService}, JSON 1.1 on {@code POST /} with {@code X-Amz-Target},
 * SigV4 signing name {@code pricing}) over an AWS {@link Catalog}: {@code GetProducts} for {@code AmazonEC2} with
 * TERM_MATCH filters on the product attributes ({@code regionCode}, {@code instanceType}, {@code operatingSystem},
 * {@code tenancy}, {@code preInstalledSw}, {@code capacitystatus}, {@code location}, ...), paged by {@code NextToken}
 * and {@code MaxResults} (at most 100); {@code DescribeServices}; {@code GetAttributeValues}. Errors are the JSON
 * protocol's {@code {"__type": ..., "message": ...}} ({@code InvalidParameterException}, {@code NotFoundException},
 * {@code InvalidNextTokenException}).
 *
 * <p>Only prices the catalog says were QUOTED by their source are served (Linux, shared tenancy, on demand). Prices
 * the catalog estimated to fill a gap are never served: a client of this API takes every entry for AWS's own figure,
 * and an estimate passed off that way would come back from a refresh as a quoted price.
 *
 * <pre>{@code
 * PricingFront.builder().catalog(Catalogs.aws()).accessKeys(keys).build().mountOn(gatewayBuilder);
 * }</pre>
 */
public final class PricingFront {
    /** The {@code X-Amz-Target} prefix of the API's operations. */
    public static final String TARGET_PREFIX = PricingHandler.TARGET_PREFIX;
    /** The SigV4 signing name clients sign for. */
    public static final String SIGNING_NAME = "pricing";

    private final HttpHandler handler;

    private PricingFront(HttpHandler handler) {
        this.handler = handler;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The handler of requests whose target starts with {@link #TARGET_PREFIX}. */
    public HttpHandler handler() {
        return handler;
    }

    /** Serves the API on the gateway's {@code POST /}, beside EC2's Query protocol. */
    public Gateway.Builder mountOn(Gateway.Builder gateway) {
        return gateway.jsonTarget(TARGET_PREFIX, handler, SIGNING_NAME);
    }

    /** Configures a {@link PricingFront}. */
    public static final class Builder {
        private Catalog catalog;
        private AccessKeys accessKeys;
        private AuthMode authMode = AuthMode.STRICT;
        private String defaultRegion = Gateway.DEFAULT_REGION;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Required: the AWS catalog whose quoted prices are served. */
        public Builder catalog(Catalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** Required: the keys requests are signed with (the gateway's, so EC2's key also signs for pricing). */
        public Builder accessKeys(AccessKeys accessKeys) {
            this.accessKeys = Objects.requireNonNull(accessKeys, "accessKeys");
            return this;
        }

        public Builder authMode(AuthMode authMode) {
            this.authMode = Objects.requireNonNull(authMode, "authMode");
            return this;
        }

        public Builder defaultRegion(String defaultRegion) {
            this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
            return this;
        }

        /** The clock signatures' dates are checked against. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws IllegalStateException without a catalog or access keys */
        public PricingFront build() {
            if (catalog == null || accessKeys == null) {
                throw new IllegalStateException("a PricingFront needs a catalog and access keys");
            }
            if (!catalog.provider().equals("aws")) {
                throw new IllegalArgumentException("the Price List API serves an aws catalog, not "
                        + catalog.provider());
            }
            Authenticator authenticator = new Authenticator(authMode, accessKeys, defaultRegion, clock,
                    Set.of(SIGNING_NAME));
            return new PricingFront(new PricingHandler(new PriceListProducts(catalog), authenticator));
        }
    }
}

package io.altostratus.gateway.arm.prices;

import com.sun.net.httpserver.HttpHandler;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Catalogs;
import io.altostratus.gateway.Gateway;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Azure Retail Prices API ({@code GET /api/retail/prices}, public, no authentication) over a {@link Catalog}:
 * Linux on-demand and Spot prices of its VM sizes per location, as items with Microsoft's field names, in pages with
 * a {@code NextPageLink}, selected by the {@code $filter} subset clients send ({@code serviceName},
 * {@code armRegionName}, {@code armSkuName}, {@code priceType eq 'Consumption'}, {@code contains(meterName,'Spot')},
 * with {@code and}, {@code or} and parentheses). A filter outside the subset is answered 400
 * {@code {"Error":{"Code":"BadRequest","Message":"Invalid OData parameters supplied"}}}.
 *
 * <pre>{@code
 * RetailPricesFront prices = RetailPricesFront.builder().catalog(Catalogs.azure()).build();
 * gatewayBuilder.mount(RetailPricesFront.PATH, prices.handler());
 * }</pre>
 */
public final class RetailPricesFront {
    /** Where the front is mounted. */
    public static final String PATH = RetailPricesHandler.PATH;
    /** Microsoft's page: 1000 items. */
    public static final int DEFAULT_PAGE_SIZE = 1000;

    private final HttpHandler handler;

    private RetailPricesFront(HttpHandler handler) {
        this.handler = handler;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The handler to mount at {@link #PATH}. */
    public HttpHandler handler() {
        return handler;
    }

    /** Mounts this front on a gateway being built. */
    public Gateway.Builder mountOn(Gateway.Builder gateway) {
        return gateway.mount(PATH, handler);
    }

    /** Configures a {@link RetailPricesFront}. */
    public static final class Builder {
        private Catalog catalog;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private String publicUrl;
        private final Map<String, BigDecimal> ratesPerUsd = new LinkedHashMap<>(Map.of("USD", BigDecimal.ONE));

        private Builder() {
        }

        /** The catalog whose prices are served (default: the shipped Azure catalog). */
        public Builder catalog(Catalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** Items per page (default {@value #DEFAULT_PAGE_SIZE}, as Microsoft pages). */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1) {
                throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        /**
         * The scheme, host and port {@code NextPageLink} starts with (e.g. {@code https://prices.example.com}), for a
         * front behind a proxy; default: {@code http://} and the request's {@code Host}.
         */
        public Builder publicUrl(String publicUrl) {
            this.publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
            return this;
        }

        /**
         * Serves {@code currencyCode} besides USD at {@code unitsPerUsd}; a currency not configured is answered 400,
         * as no exchange rates are known offline.
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

        public RetailPricesFront build() {
            Catalog served = catalog != null ? catalog : Catalogs.azure();
            // Built on the first request: the catalog reads its locations lazily.
            Supplier<List<RetailPriceItem>> items = new Supplier<>() {
                private volatile List<RetailPriceItem> all;

                @Override
                public List<RetailPriceItem> get() {
                    List<RetailPriceItem> local = all;
                    if (local == null) {
                        synchronized (this) {
                            if (all == null) {
                                all = RetailPriceItems.of(served);
                            }
                            local = all;
                        }
                    }
                    return local;
                }
            };
            return new RetailPricesFront(new RetailPricesHandler(items, ratesPerUsd, pageSize, publicUrl));
        }
    }
}

/**
 * The gcp catalog refresh: {@link io.altostratus.gcp.catalog.GcpCatalogRefresh} reads regions, zones, machine types
 * and public images from the Compute Engine API and unit prices from the Cloud Billing Catalog API
 * ({@link io.altostratus.gcp.catalog.SkuPrices}), assembles each type's price
 * ({@link io.altostratus.gcp.catalog.MachinePrices}) and returns a {@link io.altostratus.catalog.CatalogSnapshot}.
 * The CLI reaches it as the provider's {@link io.altostratus.catalog.refresh.CatalogRefresher} service.
 */
package io.altostratus.gcp.catalog;

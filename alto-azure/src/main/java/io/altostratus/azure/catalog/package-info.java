/**
 * The azure catalog refresh: {@link io.altostratus.azure.catalog.AzureCatalogRefresh} reads locations, resource SKUs
 * (sizes, zones, restrictions) and marketplace image versions from Azure Resource Manager and Linux prices from the
 * Retail Prices API, per location and in parallel, and returns a {@link io.altostratus.catalog.CatalogSnapshot}. The
 * CLI reaches it as the provider's {@link io.altostratus.catalog.refresh.CatalogRefresher} service
 * ({@link io.altostratus.azure.catalog.AzureCatalogRefresher}).
 */
package io.altostratus.azure.catalog;

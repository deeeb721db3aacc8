/**
 * What only the GCP catalog has: the Compute Engine unit prices (per vCPU-hour, per GiB-hour, per instance-hour)
 * its machine-type prices are assembled from, each with its Cloud Billing SKU id. Reached through
 * {@link io.altostratus.catalog.Catalogs#gcpUnitPrices()}; the portable {@link io.altostratus.catalog.Catalog}
 * stays free of it.
 */
package io.altostratus.catalog.gcp;

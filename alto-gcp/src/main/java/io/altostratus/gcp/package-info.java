/**
 * The {@code gcp} provider: the core SPI on Google Compute Engine through Google's Java client, against Google or any
 * GCE-compatible endpoint. Start at {@link io.altostratus.gcp.GcpProvider} (ids, states, tags, faults) and
 * {@link io.altostratus.gcp.GcpProviderFactory} (region, project, credentials, endpoint), which also offers the catalog
 * refresh ({@link io.altostratus.gcp.catalog}).
 */
package io.altostratus.gcp;

/**
 * The Compute Engine v1 compatible endpoint ({@code alto serve --api gce}): the GCE REST API under
 * {@code /compute/v1/projects/{project}/...} over any provider, through the core SPI only ({@code Cloud}), mounted on
 * the gateway's HTTP server beside the EC2 front ({@link io.altostratus.gateway.gce.GceFront#mountOn}).
 *
 * <h2>How GCE maps onto the core</h2>
 * <ul>
 *   <li><b>Project</b> = backend account; <b>region</b> = backend region (one session per project and region);
 *       <b>zone</b> = the session's zone; its region is the zone's name without the last {@code -x}.</li>
 *   <li><b>Instance names</b> are GCE's identity. {@code internal.InstanceNames} keeps (project, zone, name) &rarr;
 *       backend id in the gateway's {@code StateStore} (durable, shared across processes); the backend also gets the
 *       name as its {@code Name} tag. Instances made by other fronts are adopted under their {@code Name} tag when it
 *       is a valid free GCE name, else under a name made from the backend id. Numeric {@code id}s are a stable hash
 *       of (region, backend id), so they need no storage and survive restarts.</li>
 *   <li><b>Status</b>: pending &rarr; PROVISIONING, running &rarr; RUNNING, stopping &rarr; STOPPING, stopped &rarr;
 *       TERMINATED, suspended &rarr; SUSPENDED, error &rarr; REPAIRING; terminating and terminated instances are gone
 *       (404), and the name is free again once the backend says terminated.</li>
 *   <li><b>Labels</b> = backend tags (keys and values checked against GCE's label rules); tags that cannot be labels
 *       ({@code Name}, {@code gce:family}, upper case) stay on the backend unshown. Metadata {@code user-data} is the
 *       launch's user data; the first {@code ssh-keys} key is imported as a backend key pair where the backend has
 *       key pairs; every metadata item is kept and shown back. {@code scheduling.provisioningModel = SPOT} asks for
 *       spot capacity (refused by backends without it).</li>
 *   <li><b>Images</b>: public images are the backend's public images whose ids follow
 *       {@code projects/{project}/global/images/{name}} (family in tag {@code gce:family}); project images are those
 *       {@code images.insert} made from an instance's boot disk, recorded by name with their backend region and id.</li>
 *   <li><b>Operations</b> ({@code internal.Operations}) are stored; the backend call runs before the answer, and the
 *       operation is RUNNING until the backend reaches what GCE's operation waits for (insert/start: running; stop:
 *       stopped; delete: gone; image insert: available), checked on every read, with no thread of its own.
 *       Capacity and quota failures of a launch are DONE operations with {@code ZONE_RESOURCE_POOL_EXHAUSTED} /
 *       {@code QUOTA_EXCEEDED}; everything found before the backend call is an HTTP error in Google's error JSON.
 *       A repeated {@code requestId} answers the first call's operation.</li>
 *   <li><b>Auth</b>: {@code Authorization: Bearer}; permissive mode takes any or none, strict mode maps a token to
 *       one project ({@link io.altostratus.gateway.gce.BearerTokens}); public images are readable by every project.</li>
 * </ul>
 *
 * <p>Responses are the API's own protobuf messages (proto-google-cloud-compute-v1) printed with protobuf's
 * {@code JsonFormat}; request bodies are parsed the same way, ignoring unknown fields.
 *
 * <h2>The Cloud Billing Catalog front</h2>
 * {@link io.altostratus.gateway.gce.BillingFront}, mounted at {@code /v1/services} on the same server, answers
 * {@code services.list} (Compute Engine only, {@code services/6F81-5844-456A}) and {@code services.skus.list}: one
 * SKU per unit price of the GCP catalog ({@code Catalogs.gcpUnitPrices()}, with the catalog's own SKU ids), worded as
 * Google's catalog words them ({@code io.altostratus.catalog.gcp.GcpSkuWording}), as proto-google-cloud-billing-v1
 * messages printed with their default-valued fields as Google prints them. {@code pageSize} (default and cap 5000)
 * and opaque {@code pageToken}s page in SKU id order; {@code currencyCode} is USD unless the front was given more
 * currencies with their rates; {@code startTime}/{@code endTime} are checked (timestamps, not in the future) and
 * answered with the one pricing version there is. Errors are the newer Google API error document
 * ({@code {"error":{"code","message","status"}}}). Strict mode accepts any registered bearer token, as the catalog
 * is public to every project.
 */
package io.altostratus.gateway.gce;

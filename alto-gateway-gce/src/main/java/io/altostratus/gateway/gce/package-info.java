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
 *       key pairs; every metadata item is kept and shown back. {@code instances.setMetadata} replaces the items in
 *       the front's record (items such as the gcp provider's {@code alto-name}, and {@code user-data}, are shown
 *       back; a new {@code user-data} does not reach a running backend instance, as the core cannot change it) when
 *       the request quotes the current metadata fingerprint, a hash of every item; a stale or missing one is 412
 *       {@code conditionNotMet}. {@code scheduling.provisioningModel = SPOT} asks for spot capacity (refused by
 *       backends without it).</li>
 *   <li><b>Images</b>: public images are the backend's public images whose ids follow
 *       {@code projects/{project}/global/images/{name}} (family in tag {@code gce:family}); project images are those
 *       {@code images.insert} made from an instance's boot disk, recorded by name with their backend region and id.
 *       {@code images.setLabels} (a global operation) replaces such an image's labels, which are its backend tags,
 *       when the request quotes the current label fingerprint (412 {@code conditionNotMet} otherwise); the family
 *       tag stays. Public images are their publisher's and not found for labelling.</li>
 *   <li><b>Disks</b>: a boot disk is a view of its instance ({@code zones/z/disks/{instance}}); standalone disks
 *       ({@code disks.insert}, {@code attachDisk}, {@code detachDisk}) are volumes of the backend's {@code Volumes}
 *       extension. {@code sourceSnapshot} restores a snapshot made here ({@code VolumeSpec.snapshotId}); backend
 *       snapshots are regional, so the disk's zone must be in the snapshot's region (Google's unsupported-request
 *       error otherwise); the size defaults to the snapshot's and may not be smaller. Disks from an image are
 *       refused. <b>Snapshots</b> are global, kept by name with their backend region and id.</li>
 *   <li><b>Networks</b> (global) and <b>subnetworks</b> (regional), read-only: a GCE network is every backend
 *       network of one name across the regions ({@code Networks} extension); each region's default network is
 *       {@code default}, others go by their {@code Name} tag when it is a valid, unshared GCE name, else by a name
 *       made from the backend id. Each backend subnet is a subnetwork of its network in its region (a zonal backend
 *       subnet is one subnetwork; the description names its zone); {@code gatewayAddress} is the first host of
 *       its range. {@code default} exists even without the extension. Insert and delete of networks and
 *       subnetworks answer Google's unsupported-request error.</li>
 *   <li><b>Firewalls</b> (list, get, insert, delete; global operations): one security group of the home region
 *       ({@code SecurityGroups} extension) per firewall, named {@code gce-fw-{name}} with the firewall's name as its
 *       {@code Name} tag, in the backend network the firewall's network stands for there; {@code allowed}
 *       protocols ({@code tcp}, {@code udp} with ports or port ranges, {@code icmp}, {@code all}) from each
 *       {@code sourceRanges} block (ingress, default {@code 0.0.0.0/0}) or to each {@code destinationRanges} block
 *       (egress, the group's default egress rule removed) are its rules. {@code priority} and {@code targetTags}
 *       are kept by the front and shown back but enforce nothing: the core cannot add a launched instance to a
 *       group. {@code denied}, source tags, service accounts, numeric protocols and patch are refused with Google's
 *       unsupported-request error.</li>
 *   <li><b>Operations</b> ({@code internal.Operations}) are stored; the backend call runs before the answer, and the
 *       operation is RUNNING until the backend reaches what GCE's operation waits for (insert/start: running; stop:
 *       stopped; delete: gone; image insert: available), checked on every read, with no thread of its own.
 *       Capacity and quota failures of a launch are DONE operations with {@code ZONE_RESOURCE_POOL_EXHAUSTED} /
 *       {@code QUOTA_EXCEEDED}; everything found before the backend call is an HTTP error in Google's error JSON.
 *       A repeated {@code requestId} answers the first call's operation.</li>
 *   <li><b>Auth</b>: {@code Authorization: Bearer}; permissive mode takes any or none, strict mode maps a token to
 *       one project ({@link io.altostratus.gateway.auth.BearerTokens}); public images are readable by every project.</li>
 * </ul>
 *
 * <p>Backend calls may each cost a WAN round trip ({@code alto serve --latency}): account-wide listings (zones,
 * regions, aggregated lists) ask the regions or zones side by side, at most 32 at once, answering in name order; the
 * account's regions and each region's zone names are asked once per session and kept (zone states, instance types
 * and offerings are asked afresh, and requests asking the same at once share one call).
 *
 * <p>Responses are the API's own protobuf messages (proto-google-cloud-compute-v1) printed with protobuf's
 * {@code JsonFormat}; request bodies are parsed the same way, ignoring unknown fields. Loading the compute API's
 * descriptors costs about two seconds on a cold JVM; {@link io.altostratus.gateway.gce.GceFront#warmInBackground}
 * pays it on a low-priority daemon thread before the first request does.
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

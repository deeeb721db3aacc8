/**
 * The Azure Resource Manager compatible endpoint ({@code alto serve --api arm}): the Microsoft.Compute,
 * Microsoft.Network and Microsoft.Resources subset that VM code needs, under {@code /subscriptions/...}, over any
 * provider through the core SPI only ({@code Cloud} and the {@code core.ext} extensions), mounted on the gateway's
 * HTTP server ({@link io.altostratus.gateway.arm.ArmFront#mountOn}; the only prefix is {@code /subscriptions}).
 * The Retail Prices API lives apart, in {@code prices}.
 *
 * <h2>How ARM maps onto the core</h2>
 * <ul>
 *   <li><b>Subscription</b> = backend account; <b>location</b> = backend region (one session per subscription and
 *       location); <b>availability zone</b> "N" = the region's backend zone {@code <location>-N} (else its N-th zone
 *       by name). {@code GET /subscriptions/{s}/locations} lists the backend's regions with their zone mappings.</li>
 *   <li><b>Resource groups</b> are kept by the front in the gateway's {@code StateStore} (durable) with location and
 *       tags. Deleting one terminates its VMs (202; the operation is done when their instances are terminated) and
 *       removes its other resources, deleting what they hold in the backend as far as it allows at once.</li>
 *   <li><b>Names and ids</b>: the VM name is the ARM identity; (group, name) &rarr; backend instance id is kept in the
 *       store, the backend gets the name as its {@code Name} tag. Segment names match without case
 *       ({@code resourceGroups}, {@code resourcegroups}); ids are written with ARM's canonical segment names and the
 *       group spelt as in the request (listings across the subscription use the group as created). {@code vmId} is a
 *       random GUID fixed at creation.</li>
 *   <li><b>VM state</b>, from the backend's portable state (provisioningState, instance-view PowerState):
 *       pending &rarr; Creating, PowerState/starting; running &rarr; Succeeded, PowerState/running; stopping &rarr;
 *       Updating, PowerState/deallocating after {@code deallocate} or PowerState/stopping after {@code powerOff};
 *       stopped &rarr; Succeeded, PowerState/deallocated or PowerState/stopped (the front remembers which action
 *       stopped it; a VM the backend stopped by itself shows deallocated); suspended &rarr; Succeeded,
 *       PowerState/stopped; terminating, and any VM after DELETE &rarr; Deleting, PowerState/deallocating; error
 *       &rarr; Failed, PowerState/unknown; terminated or gone &rarr; 404 (and the name is free again).</li>
 *   <li><b>VM create</b> ({@code PUT}): {@code hardwareProfile.vmSize} is the instance type; the image is the
 *       backend image whose id is the URN {@code publisher:offer:sku:version} ({@code latest}: the newest; URNs are
 *       launched by their {@code distro:release/arch} alias, because the core reads any reference with a colon as an
 *       alias), or a managed image made here; {@code osProfile.customData} (base64) is the user data and is never
 *       returned; the first SSH public key is imported as a backend key pair where the backend has key pairs;
 *       {@code zones} picks the zone; priority Spot (or Low) with {@code billingProfile.maxPrice} (-1: on-demand
 *       price cap) asks for spot; tags are backend tags. The NICs named in {@code networkProfile} must exist and be
 *       free; the primary one's subnet and NSGs place the instance (see below). A PUT of an existing VM is an update:
 *       tags, and data disks (attach by {@code managedDisk.id}, detach by omission); a new size is 409
 *       OperationNotAllowed (the core cannot resize). Azure's own defaults (OS disk name, caching, storage type, OS
 *       profile flags) are filled in as Azure does.</li>
 *   <li><b>Long-running operations</b>: PUT create answers 201 (provisioningState Creating) with
 *       {@code Azure-AsyncOperation}; POST start, deallocate, powerOff ({@code skipShutdown=true} is a forced stop
 *       where the backend has one), restart and DELETE answer 202 with {@code Azure-AsyncOperation} and
 *       {@code Location} (the same URL with {@code monitor=true}, as ARM gives); DELETE of a missing VM is 204. The
 *       operation URL answers {@code {name, status, startTime, endTime, error}}; the Location URL 202 while running,
 *       then 200. An operation is done when the backend call has returned (it has before the first answer) and every
 *       instance it concerns is in the target state: running after create, start and restart; stopped after
 *       deallocate and powerOff; terminated or gone after delete. Each poll asks the backend once; the verdict is
 *       kept in the store. Disks and snapshots that are not ready at once get an operation that is done when they
 *       are. Network resources complete at once (201/200 with provisioningState Succeeded).</li>
 *   <li><b>Lists</b>: VMs per group or subscription, with power states in the same call when asked
 *       ({@code $expand=instanceView} or {@code statusOnly=true}): the backend is asked once per region for all of
 *       them. Pages of 50 (configurable) with {@code nextLink} and {@code $skiptoken}; network interfaces and public
 *       IPs (one per VM) page the same way, other lists come whole.</li>
 *   <li><b>Network</b>: virtual networks, NICs, public IPs and NSGs are kept by the front. A virtual network makes a
 *       backend network ({@code Networks}) from its first address prefix, and each subnet backend subnets: one per
 *       zone when the range can be split (Azure subnets span zones, backend subnets do not), else one. A NIC's
 *       private IP and a public IP's address are read from the VM's instance at each GET, so they show as soon as the
 *       VM has them. An NSG becomes a backend security group ({@code SecurityGroups}) in a VM's network when a VM
 *       first uses it (on its NIC or subnet), with its inbound Allow rules as ingress permissions; rule changes
 *       follow; an NSG lists the NICs that use it ({@code networkInterfaces}). Deleting a VM leaves its NICs, public IPs and data disks, as Azure does, unless the VM's profile
 *       set {@code deleteOption: Delete} on a NIC (which then goes, with its public IPs whose own deleteOption is
 *       Delete).</li>
 *   <li><b>Catalog</b>: {@code locations/{l}/vmSizes}, {@code Microsoft.Compute/skus} (vCPUs, MemoryGB, GPUs, zones
 *       offered, a Zone restriction for the others; {@code $filter=location eq 'x'}) and image
 *       publishers/offers/skus/versions from the backend's URN images (a {@code latest} build is listed under a
 *       version made from its date). Disks ({@code Volumes}), snapshots ({@code Snapshots}) and managed images from
 *       a VM ({@code createImage}; {@code PATCH} changes their tags, on the backend image too). A VM's OS disk is a
 *       disk resource over the backend instance's root volume (named as the profile says, {@code managedDisk.id}
 *       set on the VM), so it can be read and snapshotted; backends delete root volumes with their instance, so it
 *       goes with its VM whatever its deleteOption. SSH public keys ({@code sshPublicKeys}: PUT, PATCH, GET, list,
 *       DELETE, {@code generateKeyPair}) are kept by the front, each key also a backend key pair
 *       ({@code KeyPairs}), which checks imported keys and makes generated ones; the private key is only ever in
 *       the {@code generateKeyPair} answer.</li>
 *   <li><b>JSON</b>: bodies are read with the SDK models' {@code fromJson} (unknown fields ignored) and answers
 *       written with their {@code toJson}. The models do not write the fields ARM marks read-only (id, name, type,
 *       etag, provisioningState, vmId, resourceGuid, instanceView, a NIC's VM reference...), so those are added to the
 *       model's output afterwards; models whose fields are all read-only (resource SKUs, locations, subscriptions)
 *       are written in their shape and read back by the SDK in the tests.</li>
 *   <li><b>Managed Kubernetes</b> (Microsoft.ContainerService, AKS's REST API) over the provider's
 *       {@code Clusters} service: {@code managedClusters} (PUT create with {@code agentPoolProfiles}, the first a
 *       System pool; PUT update of tags, of {@code kubernetesVersion} (one minor step, the control plane only) and
 *       of the named pools' sizes; GET; DELETE, which takes the pools and then the cluster, a step at each look;
 *       lists per group and subscription), {@code agentPools} (PUT create or change of count, autoscaling bounds,
 *       orchestratorVersion or mode; GET; DELETE; list), {@code listClusterUserCredential} /
 *       {@code listClusterAdminCredential} (the backend's kubeconfig under the ARM name), {@code upgradeProfiles},
 *       and the location's {@code kubernetesVersions} and {@code orchestrators}. The backend's minor versions show as
 *       patch 0 ({@code 1.31.0}); {@code fqdn} is the backend API server's host. The cluster's group, settings
 *       (dnsPrefix, network profile, identity, sku), tags and pools' modes are kept by the front; a cluster name
 *       used in two groups of one location gets a suffixed backend name. {@code If-None-Match: *} makes a create
 *       that answers 412 PreconditionFailed when the resource exists. A cluster may have no pools, as the portable
 *       API allows (AKS wants one); the last System pool cannot go while User pools remain. Deleting a resource
 *       group takes its clusters.</li>
 *   <li><b>Errors</b> are ARM's documents ({@code {"error":{"code","message"}}}) with ARM's codes; the core's
 *       portable codes map to ResourceNotFound/NotFound (404), InvalidParameter (400), OperationNotAllowed and
 *       Conflict (409), AllocationFailed, ZonalAllocationFailed (when a zone was asked) or SkuNotAvailable (409),
 *       QuotaExceeded (409), TooManyRequests (429 with Retry-After). Every call needs {@code api-version}:
 *       MissingApiVersionParameter or InvalidApiVersionParameter (naming the supported list) otherwise.</li>
 *   <li><b>Auth</b>: {@code Authorization: Bearer}. Permissive mode takes any token or none; strict mode wants a
 *       token of {@link io.altostratus.gateway.auth.BearerTokens} (kind {@code arm-bearer-token}) granting the
 *       subscription in the URL: 401 AuthenticationFailed / InvalidAuthenticationToken, 403 AuthorizationFailed.</li>
 * </ul>
 */
package io.altostratus.gateway.arm;

/**
 * The {@code vsphere} provider: the core API on VMware ESXi hosts and vCenter servers over the vim25 SOAP API
 * (the JDK HTTP client and StAX; no SOAP library). It works the same on a standalone ESXi host, which has no REST API
 * for VMs, and on vCenter.
 *
 * <h2>Settings ({@code [vsphere]} in alto.toml, {@code ALTO_VSPHERE_*})</h2>
 * {@code endpoint} ({@code https://HOST/sdk}; {@code --endpoint} wins; {@code user:pass@} accepted), {@code user},
 * {@code password} (or {@code ALTO_VSPHERE_USER}/{@code ALTO_VSPHERE_PASSWORD}), certificates checked by default,
 * {@code insecure = true} (or {@code ALTO_VSPHERE_INSECURE=true}) or {@code fingerprint} (the certificate's SHA-256,
 * colon hex), {@code region}, {@code datacenter} (default: the only one), {@code datastore}, {@code network}
 * (default {@code VM Network}), {@code folder}, {@code keys_dir}, {@code guest_config}, {@code tools_timeout_s},
 * {@code shutdown_timeout_s}, {@code task_timeout_s}, {@code max_attempts}, {@code retry_base_ms},
 * {@code retry_max_ms}, {@code qemu_img}: see {@link io.altostratus.vsphere.VsphereSettings}.
 *
 * <h2>Conventions</h2>
 * A region is the endpoint, the scope its datacenter, zones its compute resources (clusters on vCenter, the host on
 * ESXi); instance and image ids are VM MoRefs ({@code vm-42}); images are templates, aliases such as
 * {@code ubuntu:24.04} from their {@code alto-distro}/{@code alto-release} tags (annotation or vCenter custom fields)
 * or their names; sizes {@code small} (1 vCPU, 2 GiB), {@code medium} (2, 4), {@code large} (4, 8),
 * {@code xlarge} (8, 16); tags live in the annotation; snapshots are VM snapshots; a listing of any size is one
 * property-collector round.
 *
 * <h2>Volumes</h2>
 * First Class Disks (vStorage objects; vCenter and ESXi 6.5+), offered where the server has a vStorage object
 * manager ({@code VsphereVolumes}): ids are the disks' UUIDs; a volume is made on
 * {@code datastore}, else the zone's first datastore, and kept when its VM is deleted; tags live in the disk's name
 * ({@code NAME #alto-tags k=v&...}); attach uses {@code AttachDisk_Task}, or on servers without it (vcsim 0.24) a
 * reconfiguration that adds the disk's own file; terminating an instance detaches its volumes first; an attached
 * volume cannot be deleted. Volumes from snapshots and snapshots of volumes are not offered.
 *
 * <h2>Guest configuration</h2>
 * cloud-init's VMware datasource ({@code guestinfo.metadata}/{@code guestinfo.userdata}, base64, set at clone time)
 * by default; a NoCloud seed ISO attached as a CD-ROM connected at power-on for images without that datasource.
 * A template's tag {@code alto-guest-config = nocloud} (or {@code guestinfo}) chooses; else {@code guest_config}.
 *
 * <h2>Readiness</h2>
 * A powered-on VM is {@code pending} until VMware Tools reports an address (at most {@code tools_timeout_s} after
 * power-on), then {@code running}; without Tools it is {@code running} with the reason "VMware Tools not reporting
 * on vm-N".
 */
package io.altostratus.vsphere;

/**
 * The Proxmox VE API front ({@code alto serve --api pve}): {@code /api2/json/...} over any backend through the core
 * SPI. A backend region is the cluster, its zones are the nodes, a VM is a backend instance under a cluster-wide
 * VMID the front keeps, a template is a backend image. Mutating calls answer task UPIDs; tasks run on the backend
 * and are kept, with VMs and their configuration, in the front's {@link io.altostratus.store.StateStore}.
 */
package io.altostratus.gateway.pve;

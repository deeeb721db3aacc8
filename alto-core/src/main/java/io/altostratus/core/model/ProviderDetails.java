package io.altostratus.core.model;

/**
 * Facts about a resource that only its provider has (EC2's reservation id, a GCE self link, an Azure resource id,
 * a Proxmox VMID), carried on the portable record as a typed value of the provider's own. Callers that know the
 * provider ask for the type they expect ({@link Instance#details(Class)}); everyone else ignores it.
 */
public interface ProviderDetails {
}

package io.altostratus.gcp;

import io.altostratus.core.model.ProviderDetails;

/**
 * What only Compute Engine says about an instance, on {@code Instance.details}.
 *
 * @param numericId        GCE's own unique id (a decimal number as text); the portable id is {@code zone/name}
 * @param selfLink         the instance's URL
 * @param project          the project it lives in
 * @param status           GCE's status word ({@code RUNNING}, {@code TERMINATED}, ...), as in {@code rawState}
 * @param cpuPlatform      the CPU platform GCE placed it on, or null
 * @param labelFingerprint the fingerprint a label change must quote
 * @param provisioningModel {@code STANDARD} or {@code SPOT}
 * @param network          the VPC network's name
 * @param subnetwork       the subnetwork's name, or null for a legacy network
 */
public record GceInstanceDetails(String numericId, String selfLink, String project, String status, String cpuPlatform,
                                 String labelFingerprint, String provisioningModel, String network,
                                 String subnetwork) implements ProviderDetails {
}

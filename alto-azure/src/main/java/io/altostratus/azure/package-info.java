/**
 * The {@code azure} provider: {@link io.altostratus.azure.AzureProviderFactory} (found by {@code ServiceLoader}) opens
 * {@link io.altostratus.azure.AzureProvider} sessions on Azure Resource Manager. Parts: places and sizes
 * ({@code AzurePlaces}), images ({@code AzureImages}), reads and changes of VMs ({@code AzureInstances}), launches
 * ({@code AzureLaunches}), state mapping ({@code AzureStates}), tag rules ({@code AzureTags}), and the extensions:
 * managed disks ({@code AzureVolumes}), snapshots ({@code AzureSnapshots}), SSH public keys ({@code AzureKeyPairs}),
 * network security groups ({@code AzureSecurityGroups}); the ARM plumbing is in {@code internal}.
 */
package io.altostratus.azure;

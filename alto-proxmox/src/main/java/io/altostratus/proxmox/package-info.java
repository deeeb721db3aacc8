/**
 * The {@code proxmox} provider: the core SPI on a Proxmox VE cluster over its REST API ({@code /api2/json}) with the
 * JDK HTTP client and Jackson. Start at {@link io.altostratus.proxmox.ProxmoxProvider} (places, ids, tasks, faults,
 * addresses) and {@link io.altostratus.proxmox.ProxmoxProviderFactory} with {@link io.altostratus.proxmox.ProxmoxSettings}
 * (endpoint, token, TLS).
 */
package io.altostratus.proxmox;

/**
 * The Proxmox VE API as the provider speaks it, not API: the HTTP client ({@link io.altostratus.proxmox.internal.PveClient}),
 * TLS trust, task (UPID) waiting, error translation by Proxmox's words, and the encodings Proxmox wants (tags and the
 * description block, {@code sshkeys}, guest-agent addresses).
 */
package io.altostratus.proxmox.internal;

/** The PVE front's workings: HTTP and auth, VMs and their configuration, tasks, the guest agent. Not API. */
package io.altostratus.gateway.pve.internal;

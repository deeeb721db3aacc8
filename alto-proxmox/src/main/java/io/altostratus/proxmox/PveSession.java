package io.altostratus.proxmox;

import io.altostratus.core.wait.Retrier;
import io.altostratus.proxmox.internal.PveClient;
import io.altostratus.proxmox.internal.PveTasks;
import java.nio.file.Path;

/** What every part of one {@code proxmox} session shares. */
record PveSession(PveClient client, Retrier retrier, PveTasks tasks, ProxmoxSettings settings, String region,
                  Path stateDir, Tombstones tombstones) {
}

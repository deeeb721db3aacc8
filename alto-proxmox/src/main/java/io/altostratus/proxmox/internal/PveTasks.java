package io.altostratus.proxmox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Waits for Proxmox tasks. Every mutating call answers with a UPID ({@code UPID:node:pid:pstart:starttime:type:id:user:})
 * and works in the background; the task is done when {@code /nodes/{node}/tasks/{upid}/status} says
 * {@code status: stopped}, and it worked when {@code exitstatus} is {@code OK} (or {@code WARNINGS: n}). A failed task's
 * reason is only in its log: the last line ({@code TASK ERROR: VM is locked (clone)}) becomes the error's message.
 */
public final class PveTasks {
    private final PveClient client;
    private final Retrier retrier;
    private final Duration timeout;

    public PveTasks(PveClient client, Retrier retrier, Duration timeout) {
        this.client = client;
        this.retrier = retrier;
        this.timeout = timeout;
    }

    /** The node a UPID ran on. */
    public static String node(String upid) {
        String[] parts = upid.split(":");
        if (parts.length < 3 || !parts[0].equals("UPID")) {
            throw new PveException(500, "not a task id (UPID): '" + upid + "'");
        }
        return parts[1];
    }

    /**
     * Waits for the task; a blank or null UPID (a call that finished at once) is done already.
     *
     * @throws PveException {@link PveException#TASK_FAILED} with the task's last log line when it failed
     * @throws AltoException TIMEOUT when it is still running after the task timeout
     */
    public void await(String operation, JsonNode upidNode) {
        if (upidNode == null || upidNode.isNull() || !upidNode.isTextual() || upidNode.asText().isBlank()) {
            return;
        }
        String upid = upidNode.asText();
        String node = node(upid);
        String path = "/nodes/" + PveClient.segment(node) + "/tasks/" + PveClient.segment(upid);
        Instant deadline = retrier.clock().instant().plus(timeout);
        for (int step = 0; ; step++) {
            JsonNode status;
            try {
                status = client.get(path + "/status");
            } catch (PveException e) {
                // A status read that fails for a moment (the node's proxy, a lost connection) does not fail the task.
                if (!PveErrors.isTransient(e) || !retrier.clock().instant().isBefore(deadline)) {
                    throw e;
                }
                status = null;
            }
            if (status != null && "stopped".equals(status.path("status").asText())) {
                String exit = status.path("exitstatus").asText("");
                if (exit.equals("OK") || exit.startsWith("WARNINGS")) {
                    return;
                }
                throw new PveException(PveException.TASK_FAILED, failure(path, exit));
            }
            if (!retrier.clock().instant().isBefore(deadline)) {
                throw new AltoException(ErrorCode.TIMEOUT, "TaskTimeout", operation + ": task " + upid
                        + " still running after " + timeout.toSeconds() + "s");
            }
            retrier.pauseBeforePoll(operation, Math.min(step, 4));
        }
    }

    /** The task's last non-empty log line without its {@code TASK ERROR:} prefix, else the exit status. */
    private String failure(String path, String exit) {
        try {
            JsonNode log = client.get(path + "/log", Map.of("start", "0", "limit", "50000"));
            String last = null;
            for (JsonNode line : log) {
                String t = line.path("t").asText("").strip();
                if (!t.isEmpty()) {
                    last = t;
                }
            }
            if (last != null) {
                return last.startsWith("TASK ERROR:") ? last.substring("TASK ERROR:".length()).strip() : last;
            }
        } catch (PveException e) {
            // fall back to the exit status, which Proxmox sets to the same words for most failures
        }
        return exit.isBlank() ? "task failed" : exit;
    }
}

package io.altostratus.gateway.pve.internal;

import io.altostratus.gateway.pve.PveFaults;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * PVE tasks: each mutating call gets a UPID at once and its work runs in the background against the backend; the
 * task is {@code running} until the work returns, then {@code stopped} with {@code OK} or the error line. Tasks are
 * kept in the store, so {@code tasks/{upid}/status} reads them from there.
 */
public final class Tasks implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Tasks.class.getName());

    /** The backend work of a task: returns its log lines; {@link #failed} undoes what a failure leaves behind. */
    public interface Work {
        List<String> run() throws Exception;

        default void failed() {
        }
    }

    private final Kept kept;
    private final Clock clock;
    private final PveFaults faults;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("pve-task-", 0).factory());
    private final AtomicLong pids = new AtomicLong(ProcessHandle.current().pid() * 16 % 0x3FFFFF + 1000);

    public Tasks(Kept kept, Clock clock, PveFaults faults) {
        this.kept = kept;
        this.clock = clock;
        this.faults = faults;
    }

    /** Starts a task; answers its UPID. */
    public String start(String account, String node, String type, String id, String user, Work work) {
        long pid = pids.incrementAndGet();
        long start = clock.millis() / 1000;
        long pstart = clock.millis() / 10 % 0xFFFFFFFL;
        String upid = String.format(Locale.ROOT, "UPID:%s:%08X:%08X:%08X:%s:%s:%s:", node, pid, pstart, start,
                type, id, user);
        Kept.Task task = new Kept.Task(upid, node, type, id, user, pid, pstart, start, "running", null, List.of());
        kept.put(account, task);
        executor.execute(() -> run(account, task, work));
        return upid;
    }

    private void run(String account, Kept.Task task, Work work) {
        List<String> log = new ArrayList<>();
        String exit;
        try {
            faults.awaitRelease();
            String planned = faults.takeTaskFailure(task.type()).orElse(null);
            if (planned != null) {
                throw new IllegalStateException(planned);
            }
            log.addAll(work.run());
            log.add("TASK OK");
            exit = "OK";
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            exit = errorLine(e);
            log.add("TASK ERROR: " + exit);
            try {
                work.failed();
            } catch (RuntimeException cleanup) {
                LOG.log(Level.WARNING, "PVE task cleanup failed: " + task.upid(), cleanup);
            }
        }
        kept.put(account, task.finished(exit, log));
    }

    static String errorLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.strip();
    }

    /** The task, or PVE's answer for an unknown UPID. */
    public Kept.Task get(String account, String node, String upid) {
        if (!upid.startsWith("UPID:")) {
            throw PveException.param("upid", "unable to parse worker upid '" + upid + "'");
        }
        return kept.task(account, upid).filter(t -> t.node().equals(node))
                .orElseThrow(() -> PveException.server("no such task"));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

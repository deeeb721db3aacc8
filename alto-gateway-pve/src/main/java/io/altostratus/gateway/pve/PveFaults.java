package io.altostratus.gateway.pve;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * Faults a provider's tests make the front show: a task that fails with a given log line, a call answered with a
 * PVE 500, and tasks held {@code running} (so locks can be seen) until released. Thread-safe; one per front.
 */
public final class PveFaults {
    private final Map<String, String> failNextTask = new ConcurrentHashMap<>();
    private final Map<Pattern, String> failing = new ConcurrentHashMap<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** The next task of this type ({@code qmclone}, {@code qmstart}, ...) fails, its exit status and last log line being {@code line}. */
    public PveFaults failNextTask(String taskType, String line) {
        failNextTask.put(Objects.requireNonNull(taskType, "taskType"), Objects.requireNonNull(line, "line"));
        return this;
    }

    /** Every call whose {@code METHOD path} (path after /api2/json) matches answers 500 with this message, until cleared. */
    public PveFaults failRequests(String methodAndPathRegex, String message) {
        failing.put(Pattern.compile(methodAndPathRegex), Objects.requireNonNull(message, "message"));
        return this;
    }

    /** Tasks started from now on stay {@code running} until {@link #releaseTasks()}. */
    public synchronized PveFaults holdTasks() {
        if (gate.getCount() == 0) {
            gate = new CountDownLatch(1);
        }
        return this;
    }

    public synchronized PveFaults releaseTasks() {
        gate.countDown();
        return this;
    }

    public PveFaults clear() {
        failNextTask.clear();
        failing.clear();
        releaseTasks();
        return this;
    }

    /** For the front: the failure planned for a task of this type, taken once. */
    public Optional<String> takeTaskFailure(String taskType) {
        return Optional.ofNullable(failNextTask.remove(taskType));
    }

    /** For the front: the 500 message planned for this call, if any. */
    public Optional<String> requestFailure(String method, String path) {
        String call = method + " " + path;
        return failing.entrySet().stream().filter(e -> e.getKey().matcher(call).matches())
                .map(Map.Entry::getValue).findFirst();
    }

    /** For the front's task runner: waits while tasks are held. */
    public void awaitRelease() throws InterruptedException {
        gate.await();
    }
}

package io.altostratus.qemu;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spi.ProviderContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** What every real-guest test does when a stage fails: show the consoles, and end the machines it left. */
final class GuestStage {
    private GuestStage() {
    }

    /** The steps of a real-guest test. */
    @FunctionalInterface
    interface Steps {
        void run() throws Exception;
    }

    /**
     * Runs a guest test's steps on {@code state}; when one fails, says so with {@code say}, shows the consoles, and in
     * every case ends the machines the steps left.
     */
    static void run(Path state, Consumer<String> say, Steps steps) throws Exception {
        try {
            steps.run();
        } catch (Throwable t) {
            say.accept("FAILED: " + t);
            printConsoles(state);
            throw t;
        } finally {
            endWhatIsLeft(state);
        }
    }

    /** The serial consoles of the instances still in {@code state}: what a failed boot said. */
    private static void printConsoles(Path state) throws IOException {
        Path instances = state.resolve("qemu/instances");
        if (!Files.isDirectory(instances)) {
            return;
        }
        try (var dirs = Files.list(instances)) {
            for (Path dir : dirs.toList()) {
                Path log = dir.resolve(QemuCommandLine.CONSOLE);
                if (Files.isRegularFile(log)) {
                    String text = Files.readString(log, StandardCharsets.ISO_8859_1);
                    System.out.println("---- console of " + dir.getFileName() + " ----\n"
                            + text.substring(Math.max(0, text.length() - 6000)));
                }
            }
        }
    }

    /** A failed stage leaves machines running; they must not outlive the test. */
    private static void endWhatIsLeft(Path state) {
        if (!Files.exists(state.resolve("state.db"))) {
            return;
        }
        ProviderContext context = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, state, Map.of(),
                null);
        try (QemuProvider qemu = (QemuProvider) new QemuProviderFactory().open(context)) {
            List<String> left = qemu.instances(InstanceQuery.all()).stream()
                    .filter(i -> i.state() != InstanceState.TERMINATED).map(Instance::id).toList();
            if (!left.isEmpty()) {
                qemu.terminate(left);
            }
        }
    }
}

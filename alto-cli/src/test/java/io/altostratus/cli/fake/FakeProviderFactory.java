package io.altostratus.cli.fake;

import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider named {@code fake} for the CLI's tests, found by ServiceLoader like a real one. Its state lives in
 * memory per state directory, so consecutive in-process commands with the same {@code --state-dir} see the same
 * cloud, and each test's temporary directory is a fresh one.
 */
public final class FakeProviderFactory implements ProviderFactory {
    static final Map<Path, FakeCloudState> STATES = new ConcurrentHashMap<>();

    /** The user data an instance was launched with, as the fake received it (null when none). */
    public static String userDataOf(Path stateDir, String instanceId) {
        return STATES.get(stateDir.toAbsolutePath()).userData.get(instanceId);
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String description() {
        return "in-memory test double for the CLI tests";
    }

    @Override
    public ComputeProvider open(ProviderContext context) {
        Path key = context.stateDir() == null ? Path.of("") : context.stateDir().toAbsolutePath();
        FakeCloudState state = STATES.computeIfAbsent(key, k -> new FakeCloudState());
        return new FakeProvider(context, state);
    }
}

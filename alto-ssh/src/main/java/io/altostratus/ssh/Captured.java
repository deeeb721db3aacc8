package io.altostratus.ssh;

import java.nio.charset.StandardCharsets;

/** A finished command with everything it wrote, byte for byte. */
public record Captured(ExecResult result, byte[] stdout, byte[] stderr) {
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }
}

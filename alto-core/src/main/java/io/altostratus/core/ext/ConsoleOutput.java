package io.altostratus.core.ext;

import io.altostratus.core.spi.Extension;

/** The guest's serial console, as text. */
public interface ConsoleOutput extends Extension {
    /** The console output so far (empty when the guest has written nothing). */
    String consoleOutput(String instanceId);
}

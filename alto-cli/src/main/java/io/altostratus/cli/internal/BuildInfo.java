package io.altostratus.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which alto this is and on which Java, for {@code alto version} and {@code alto --version}. Kept apart from the
 * verb, and free of picocli, so that the launcher can print it without loading the command line's machinery.
 */
public final class BuildInfo {
    private BuildInfo() {
    }

    /** The build's version, from a resource Maven fills in. */
    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/altostratus/cli/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The lines of {@code alto --version}. */
    public static String[] versionLines() {
        return new String[] {
                "alto " + version(),
                "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}

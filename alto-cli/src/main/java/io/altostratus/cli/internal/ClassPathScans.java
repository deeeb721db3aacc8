package io.altostratus.cli.internal;

/**
 * Settings that keep libraries from searching the whole class path while a command starts. A class or resource
 * that is not there is looked for in every jar, and each jar is opened, its zip directory read, on the way: the AWS
 * SDK's EC2 model jar alone lists 13,000 entries. A command that only reads a local state directory should open
 * none of them. What the caller set already (with {@code -D}) is left alone.
 */
public final class ClassPathScans {
    private ClassPathScans() {
    }

    /** Called first in a process's {@code main}, before any library has looked anything up. */
    public static void avoid() {
        // SLF4J (which sqlite-jdbc logs through) otherwise finds its binding with a ServiceLoader over every jar.
        // Named directly, it announces the binding on stderr at its INFO level, so its own reports go to WARN.
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", QuietSlf4j.class.getName());
            setIfAbsent("slf4j.internal.verbosity", "WARN");
        }
        // picocli's default factory probes for Groovy's Closure class, which is on no alto class path.
        setIfAbsent("picocli.disable.closures", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

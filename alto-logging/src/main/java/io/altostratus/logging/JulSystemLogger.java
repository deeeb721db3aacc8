package io.altostratus.logging;

import java.util.ResourceBundle;
import java.util.Set;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A {@link System.Logger} that logs to a java.util.logging {@link Logger}, mapping the levels as the JDK's default
 * backend does, and naming as a record's source the code that called the logger rather than this class. (Inside it,
 * {@code Level} is System.Logger's; java.util.logging's is written out.)
 */
final class JulSystemLogger implements System.Logger {

    // Frames of logging machinery between the caller and this class: skipped when naming a record's source.
    private static final Set<String> MACHINERY_PREFIXES = Set.of("jdk.internal.logger.", "sun.util.logging.");
    private static final StackWalker WALKER = StackWalker.getInstance();

    private final Logger jul;

    JulSystemLogger(Logger jul) {
        this.jul = jul;
    }

    @Override
    public String getName() {
        return jul.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return jul.isLoggable(julLevel(level));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        publish(level, bundle, msg, thrown, null);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        publish(level, bundle, format, null, params);
    }

    private void publish(Level level, ResourceBundle bundle, String msg, Throwable thrown, Object[] params) {
        java.util.logging.Level to = julLevel(level);
        if (!jul.isLoggable(to)) {
            return;
        }
        LogRecord record = new LogRecord(to, msg);
        record.setLoggerName(jul.getName());
        record.setThrown(thrown);
        record.setParameters(params);
        if (bundle != null) {
            record.setResourceBundle(bundle);
            record.setResourceBundleName(bundle.getBaseBundleName());
        }
        StackWalker.StackFrame caller = caller();
        if (caller != null) {
            record.setSourceClassName(caller.getClassName());
            record.setSourceMethodName(caller.getMethodName());
        }
        jul.log(record);
    }

    /** The JDK's own mapping (System.Logger's TRACE and DEBUG are java.util.logging's FINER and FINE). */
    static java.util.logging.Level julLevel(Level level) {
        return switch (level) {
            case ALL -> java.util.logging.Level.ALL;
            case TRACE -> java.util.logging.Level.FINER;
            case DEBUG -> java.util.logging.Level.FINE;
            case INFO -> java.util.logging.Level.INFO;
            case WARNING -> java.util.logging.Level.WARNING;
            case ERROR -> java.util.logging.Level.SEVERE;
            case OFF -> java.util.logging.Level.OFF;
        };
    }

    private static StackWalker.StackFrame caller() {
        return WALKER.walk(frames -> frames.filter(f -> !isMachinery(f.getClassName())).findFirst().orElse(null));
    }

    private static boolean isMachinery(String className) {
        if (className.equals(JulSystemLogger.class.getName()) || className.equals("java.lang.System$Logger")) {
            return true;
        }
        for (String prefix : MACHINERY_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}

/**
 * The JVM's System.Logger backend for the alto launcher: java.util.logging, as the JDK's own default, but provided by
 * a named module so the JVM finds it without reading every jar of the class path (see {@link
 * io.altostratus.logging.JulLoggerFinder}).
 */
module io.altostratus.logging {
    requires java.logging;

    provides java.lang.System.LoggerFinder with io.altostratus.logging.JulLoggerFinder;
}

package io.altostratus.logging;

import java.util.logging.Logger;

/**
 * Gives the JDK's {@link System.Logger}s as {@link JulSystemLogger}s: what the JDK does by default, so logging behaves
 * as without it.
 *
 * <p>Why it exists: the first use of java.util.logging (the PostgreSQL driver's classes each hold a logger) makes the
 * JDK look for a {@code LoggerFinder} service, and a lookup on the class path opens every jar on it to read its
 * {@code META-INF/services}: 150 jars and about 0.1 s of a command that talks to PostgreSQL. A provider in a named
 * module on the module path is found first, before the class path is read. bin/alto puts this jar there.
 */
public final class JulLoggerFinder extends System.LoggerFinder {

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new JulSystemLogger(Logger.getLogger(name));
    }
}

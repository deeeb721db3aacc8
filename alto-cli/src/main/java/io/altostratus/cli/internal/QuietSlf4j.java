package io.altostratus.cli.internal;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of the {@code alto} command: discards library logging. The AWS SDK (which the gateway's codec
 * uses) brings SLF4J onto the class path, and sqlite-jdbc then logs through it; without a binding SLF4J prints a
 * three-line warning on stderr in every command, which is not the user's business and breaks scripts that read
 * stderr. What alto itself has to say goes through the command's writers; the gateway logs through
 * {@link System.Logger}. Registered in {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}, and named to SLF4J
 * directly by {@link ClassPathScans#avoid()}.
 */
public final class QuietSlf4j implements SLF4JServiceProvider {
    private final ILoggerFactory loggers = new NOPLoggerFactory();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // Nothing to set up: every logger discards.
    }
}

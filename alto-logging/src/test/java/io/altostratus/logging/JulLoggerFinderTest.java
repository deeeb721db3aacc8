package io.altostratus.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JulLoggerFinderTest {

    private static final String NAME = "io.altostratus.logging.test";

    private final Logger jul = Logger.getLogger(NAME);
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        jul.setUseParentHandlers(false);
        jul.addHandler(capture);
        jul.setLevel(Level.FINE);
    }

    @AfterEach
    void release() {
        jul.removeHandler(capture);
        jul.setUseParentHandlers(true);
        jul.setLevel(null);
    }

    @Test
    void aSystemLoggerWritesToTheJulLoggerOfItsNameWithTheCallerAsSource() {
        System.Logger logger = new JulLoggerFinder().getLogger(NAME, getClass().getModule());
        IllegalStateException boom = new IllegalStateException("boom");

        logger.log(System.Logger.Level.WARNING, "plain");
        logger.log(System.Logger.Level.ERROR, "failed", boom);
        logger.log(System.Logger.Level.INFO, "{0} of {1}", 3, 4);
        logger.log(System.Logger.Level.DEBUG, () -> "supplied");
        logger.log(System.Logger.Level.TRACE, "below the logger's level");

        assertThat(logger.getName()).isEqualTo(NAME);
        assertThat(records).extracting(LogRecord::getLevel)
                .containsExactly(Level.WARNING, Level.SEVERE, Level.INFO, Level.FINE);
        assertThat(records).extracting(LogRecord::getMessage)
                .containsExactly("plain", "failed", "{0} of {1}", "supplied");
        assertThat(records.get(1).getThrown()).isSameAs(boom);
        assertThat(records.get(2).getParameters()).containsExactly(3, 4);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getSourceClassName()).isEqualTo(JulLoggerFinderTest.class.getName());
            assertThat(r.getSourceMethodName())
                    .isEqualTo("aSystemLoggerWritesToTheJulLoggerOfItsNameWithTheCallerAsSource");
        });
    }

    @Test
    void isLoggableFollowsTheJulLevelThroughTheJdksMapping() {
        System.Logger logger = new JulLoggerFinder().getLogger(NAME, getClass().getModule());

        assertThat(logger.isLoggable(System.Logger.Level.DEBUG)).isTrue();
        assertThat(logger.isLoggable(System.Logger.Level.TRACE)).isFalse();
        jul.setLevel(Level.SEVERE);
        assertThat(logger.isLoggable(System.Logger.Level.WARNING)).isFalse();
        assertThat(logger.isLoggable(System.Logger.Level.ERROR)).isTrue();
        assertThat(JulSystemLogger.julLevel(System.Logger.Level.ALL)).isEqualTo(Level.ALL);
        assertThat(JulSystemLogger.julLevel(System.Logger.Level.OFF)).isEqualTo(Level.OFF);
    }

    @Test
    void theModuleProvidesTheFinderAsAService() throws Exception {
        Path classes = Path.of(JulLoggerFinder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleReference module = ModuleFinder.of(classes).find("io.altostratus.logging").orElseThrow();

        assertThat(module.descriptor().provides()).extracting(ModuleDescriptor.Provides::service)
                .containsExactly("java.lang.System$LoggerFinder");
        assertThat(module.descriptor().provides().iterator().next().providers())
                .containsExactly(JulLoggerFinder.class.getName());
    }
}

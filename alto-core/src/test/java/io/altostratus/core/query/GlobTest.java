package io.altostratus.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GlobTest {
    @Test
    void literalPatternsMatchExactly() {
        assertThat(Glob.matches("web", "web")).isTrue();
        assertThat(Glob.matches("web", "web1")).isFalse();
        assertThat(Glob.matches("Web", "web")).isFalse();
    }

    @Test
    void starMatchesAnyRunIncludingEmpty() {
        assertThat(Glob.matches("web-*", "web-")).isTrue();
        assertThat(Glob.matches("web-*", "web-01")).isTrue();
        assertThat(Glob.matches("*-01", "db-01")).isTrue();
        assertThat(Glob.matches("ubuntu/images/*noble*amd64*", "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20251001")).isTrue();
        assertThat(Glob.matches("ubuntu/images/*noble*arm64*", "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20251001")).isFalse();
    }

    @Test
    void questionMarkMatchesExactlyOne() {
        assertThat(Glob.matches("db-0?", "db-01")).isTrue();
        assertThat(Glob.matches("db-0?", "db-0")).isFalse();
        assertThat(Glob.matches("db-0?", "db-012")).isFalse();
    }

    @Test
    void backslashEscapesWildcards() {
        assertThat(Glob.matches("a\\*b", "a*b")).isTrue();
        assertThat(Glob.matches("a\\*b", "axb")).isFalse();
        assertThat(Glob.matches("a\\?", "a?")).isTrue();
    }

    @Test
    @Timeout(10) // a naive recursive matcher backtracks exponentially and never returns here
    void pathologicalPatternTerminates() {
        String text = "a".repeat(5_000);
        assertThat(Glob.matches("*a*a*a*a*a*a*a*a*a*a*b", text)).isFalse();
        assertThat(Glob.matches("*a*a*a*a*a*a*a*a*a*a*", text)).isTrue();
    }

    @Test
    void nullTextNeverMatches() {
        assertThat(Glob.matches("*", null)).isFalse();
    }
}

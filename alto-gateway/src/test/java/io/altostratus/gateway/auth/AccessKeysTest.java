package io.altostratus.gateway.auth;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessKeysTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void generatedKeysLookLikeAwsKeysAndAreFoundBack() {
        try (StateStore store = StateStores.inMemory()) {
            AccessKeys keys = new AccessKeys(store, clock);
            AccessKey key = keys.create("123456789012");

            assertThat(key.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
            assertThat(key.secretAccessKey()).matches("[A-Za-z0-9+/]{40}");
            assertThat(key.account()).isEqualTo("123456789012");
            assertThat(keys.lookup(key.accessKeyId())).contains(key);
            assertThat(keys.create("123456789012").accessKeyId()).isNotEqualTo(key.accessKeyId());
        }
    }

    @Test
    void listingNeverShowsSecretsAndFiltersByAccount() {
        try (StateStore store = StateStores.inMemory()) {
            AccessKeys keys = new AccessKeys(store, clock);
            AccessKey first = keys.create("111111111111", "first-key", "first-secret");
            clock.advance(Duration.ofSeconds(1));
            AccessKey second = keys.create("222222222222");

            assertThat(keys.list()).containsExactly(first.info(), second.info());
            assertThat(keys.list("222222222222")).containsExactly(second.info());
            assertThat(keys.list().toString()).doesNotContain("first-secret", second.secretAccessKey());
            assertThat(first.toString()).doesNotContain("first-secret");
        }
    }

    @Test
    void duplicateAndMalformedKeysAreRefused() {
        try (StateStore store = StateStores.inMemory()) {
            AccessKeys keys = new AccessKeys(store, clock);
            keys.create("111111111111", "taken", "secret");

            assertThatThrownBy(() -> keys.create("222222222222", "taken", "other"))
                    .isInstanceOfSatisfying(AltoException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
            assertThat(keys.lookup("taken")).hasValueSatisfying(k -> assertThat(k.account()).isEqualTo("111111111111"));
            assertThatThrownBy(() -> keys.create("1234", "k", "s")).isInstanceOf(AltoException.class);
            assertThatThrownBy(() -> keys.create("111111111111", "a/b", "s")).isInstanceOf(AltoException.class);
            assertThatThrownBy(() -> keys.create("111111111111", "ab", "has space"))
                    .isInstanceOf(AltoException.class);
        }
    }

    @Test
    void deleteRemovesOnlyThatKey() {
        try (StateStore store = StateStores.inMemory()) {
            AccessKeys keys = new AccessKeys(store, clock);
            AccessKey gone = keys.create("111111111111");
            AccessKey kept = keys.create("111111111111");

            assertThat(keys.delete(gone.accessKeyId())).isTrue();
            assertThat(keys.delete(gone.accessKeyId())).isFalse();
            assertThat(keys.lookup(gone.accessKeyId())).isEmpty();
            assertThat(keys.lookup(kept.accessKeyId())).contains(kept);
        }
    }

    @Test
    void theDefaultKeyIsCreatedOnlyWhenThereIsNoKeyAtAll(@TempDir Path dir) {
        try (StateStore store = StateStores.open(dir)) {
            AccessKeys keys = new AccessKeys(store, clock);
            assertThat(keys.ensureDefault()).hasValueSatisfying(key -> {
                assertThat(key.accessKeyId()).isEqualTo("test");
                assertThat(key.secretAccessKey()).isEqualTo("test");
                assertThat(key.account()).isEqualTo(ProviderContext.DEFAULT_ACCOUNT);
            });
            assertThat(keys.ensureDefault()).isEmpty();
            keys.delete("test");
            keys.create("123456789012");
            assertThat(keys.ensureDefault()).isEmpty();
        }
    }

    @Test
    void keysSurviveReopeningTheStore(@TempDir Path dir) {
        AccessKey key;
        try (StateStore store = StateStores.open(dir)) {
            key = new AccessKeys(store, clock).create("123456789012");
        }
        try (StateStore store = StateStores.open(dir)) {
            assertThat(new AccessKeys(store, clock).lookup(key.accessKeyId())).contains(key);
        }
    }
}

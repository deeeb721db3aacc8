package io.altostratus.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
    private static final Catalog AWS = Catalogs.aws();

    @Test
    void aSnapshotRoundTripsAndAnswersLikeTheCatalogItWasTakenFrom(@TempDir Path dir) {
        CatalogSnapshot snapshot = CatalogSnapshot.of(AWS, List.of("a note"), List.of("us-east-1", "eu-west-1"));
        SnapshotStore store = new SnapshotStore(dir);
        store.write(snapshot);

        CatalogSnapshot back = store.read("aws").orElseThrow();
        assertThat(back).isEqualTo(snapshot);
        Catalog catalog = back.catalog();
        for (String region : List.of("us-east-1", "eu-west-1")) {
            assertThat(catalog.zones(region)).isEqualTo(AWS.zones(region));
            assertThat(catalog.instanceTypes(region)).isEqualTo(AWS.instanceTypes(region));
            assertThat(catalog.images(region)).isEqualTo(AWS.images(region));
            for (var zone : AWS.zones(region)) {
                assertThat(catalog.typesOfferedInZone(zone.name())).isEqualTo(AWS.typesOfferedInZone(zone.name()));
            }
        }
        assertThat(catalog.instanceType("us-east-1", "t3.micro")).isEqualTo(AWS.instanceType("us-east-1", "t3.micro"));
        assertThat(catalog.source()).isEqualTo(AWS.source());
    }

    @Test
    void aWriteThatFailsHalfWayLeavesThePreviousSnapshotIntact(@TempDir Path dir) throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        CatalogSnapshot first = CatalogSnapshot.of(AWS, List.of(), List.of("eu-north-1"));
        store.write(first);
        byte[] before = Files.readAllBytes(store.file("aws"));

        CatalogSnapshot second = CatalogSnapshot.of(AWS, List.of(), List.of("us-east-1", "us-west-2"));
        assertThatThrownBy(() -> store.write(second, out -> new FailAfter(out, 20_000)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");

        assertThat(Files.readAllBytes(store.file("aws"))).isEqualTo(before);
        assertThat(store.read("aws")).contains(first);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("aws.json.gz");
        }
    }

    @Test
    void aNewerFormatIsRefusedRatherThanMisread() {
        String json = "{\"format\": 99, \"provider\": \"aws\"}";
        assertThatThrownBy(() -> SnapshotStore.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("format 99");
    }

    @Test
    void theUserCacheFollowsXdg() {
        assertThat(SnapshotStore.userCache(Map.of("XDG_CACHE_HOME", "/x/cache", "HOME", "/home/u")).directory())
                .isEqualTo(Path.of("/x/cache/alto/catalog"));
        assertThat(SnapshotStore.userCache(Map.of("HOME", "/home/u")).directory())
                .isEqualTo(Path.of("/home/u/.cache/alto/catalog"));
        // XDG says a relative value is invalid and must be ignored.
        assertThat(SnapshotStore.userCache(Map.of("XDG_CACHE_HOME", "rel", "HOME", "/home/u")).directory())
                .isEqualTo(Path.of("/home/u/.cache/alto/catalog"));
    }

    @Test
    void takenAtSurvivesToTheNanosecond(@TempDir Path dir) {
        CatalogSnapshot s = new CatalogSnapshot(CatalogSnapshot.FORMAT, "aws",
                new Catalog.Source("test", Instant.parse("2026-11-21T01:02:03.123456789Z")), List.of(), List.of(),
                List.of());
        SnapshotStore store = new SnapshotStore(dir);
        store.write(s);
        assertThat(store.read("aws")).contains(s);
    }

    /** A stream that fails like a full disk once a number of bytes went through. */
    private static final class FailAfter extends FilterOutputStream {
        private long left;

        FailAfter(OutputStream out, long bytes) {
            super(out);
            this.left = bytes;
        }

        @Override
        public void write(int b) throws IOException {
            if (--left < 0) {
                throw new IOException("disk full");
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }
}

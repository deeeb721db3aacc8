package io.altostratus.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.cloudinit.internal.Iso9660Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoCloudSeedTest {
    private static final Instant TIME = Instant.parse("2026-11-21T10:15:30Z");
    /** Around every sector boundary that matters, plus a file spanning many sectors. */
    private static final int[] SIZES = {0, 1, 2047, 2048, 2049, 4095, 4096, 4097, 100_000};

    @TempDir
    Path dir;

    private Path write(NoCloudSeed seed, String name) throws Exception {
        Path iso = dir.resolve(name);
        seed.writeTo(iso);
        return iso;
    }

    private static NoCloudSeed seed() {
        return NoCloudSeed.builder()
                .userData(CloudConfig.builder().hostname("seeded").packages("qemu-guest-agent").build())
                .instanceId("iid-alto-0001").hostname("seeded")
                .networkConfig("version: 2\nethernets:\n  eth0:\n    dhcp4: true\n".getBytes(StandardCharsets.UTF_8))
                .time(TIME).build();
    }

    @Test
    void isoinfoSeesVolumeIdJolietRockRidgeAndTheRightSize() throws Exception {
        Path iso = write(seed(), "seed.iso");
        String d = IsoReaders.describe(iso);
        assertThat(d).contains("Volume id: cidata").contains("Joliet with UCS level 3 found")
                .contains("Rock Ridge signatures version 1 found").contains("Logical block size is: 2048")
                .contains("Volume size is: " + Files.size(iso) / 2048);
        IsoReaders.verify(iso);
    }

    @Test
    void namesReadTheSameThroughRockRidgeAndJolietAndAre83InPlainIso9660() throws Exception {
        Path iso = write(seed(), "seed.iso");
        Set<String> names = Set.of("meta-data", "network-config", "user-data");
        assertThat(IsoReaders.list(iso, "-R").keySet()).isEqualTo(names);
        assertThat(IsoReaders.list(iso, "-J").keySet()).isEqualTo(names);
        assertThat(IsoReaders.list(iso, "").keySet()).containsExactlyInAnyOrder("META_DAT.;1", "NETWORK_.;1", "USER_DAT.;1");
        assertThat(IsoReaders.list(iso, "-R").values()).allSatisfy(l -> assertThat(l.mode()).isEqualTo("-r--r--r--"));
    }

    @Test
    void bytesAreIdenticalThroughEveryReaderAndMetaDataHasIdAndHostname() throws Exception {
        NoCloudSeed seed = seed();
        Path iso = write(seed, "seed.iso");
        Map<String, byte[]> expected = seed.files();
        assertThat(new String(expected.get("meta-data"), StandardCharsets.UTF_8))
                .isEqualTo("instance-id: iid-alto-0001\nlocal-hostname: seeded\n");
        assertReadBackEverywhere(iso, expected);
    }

    /**
     * What NoCloud does on a booting instance, minus the mount: find the device by label with blkid (libblkid, as
     * cloud-init's find_devs_with does), then read the files with cloud-init's own pathprefix2dict and
     * _merge_new_seed. Here the files come from xorriso's extraction instead of a mount.
     */
    @Test
    void blkidFindsTheLabelAndCloudInitsNoCloudCodeReadsTheSeed() throws Exception {
        Path iso = write(seed(), "seed.iso");
        Tools.Result blkid = Tools.run(Tools.require("blkid").toString(), "-p", "-o", "export", iso.toString()).ok();
        assertThat(blkid.out().lines()).contains("LABEL=cidata", "TYPE=iso9660");
        Path python = Tools.cloudInitPython();
        Path into = Files.createTempDirectory(dir, "x").resolve("root");
        IsoReaders.xorrisoExtract(iso, into);
        String script = String.join("\n",
                "import json, sys",
                "from cloudinit import util",
                "from cloudinit.sources import DataSourceNoCloud as nocloud",
                "seeded = util.pathprefix2dict(sys.argv[1], required=['user-data', 'meta-data'],",
                "                              optional=['vendor-data', 'network-config'])",
                "data = nocloud._merge_new_seed({'meta-data': {}, 'user-data': '', 'vendor-data': ''}, seeded)",
                "ud = data['user-data']",
                "print(json.dumps({'meta': data['meta-data'], 'network': data.get('network-config'),",
                "                  'user': ud.decode() if isinstance(ud, bytes) else ud}))");
        Tools.Result r = Tools.run(List.of(python.toString(), "-c", script, into.toString() + "/"), null).ok();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
        assertThat(json.get("meta").get("instance-id").asText()).isEqualTo("iid-alto-0001");
        assertThat(json.get("meta").get("local-hostname").asText()).isEqualTo("seeded");
        assertThat(json.get("network").get("version").asInt()).isEqualTo(2);
        assertThat(json.get("network").get("ethernets").get("eth0").get("dhcp4").asBoolean()).isTrue();
        assertThat(json.get("user").asText()).isEqualTo(new String(seed().files().get("user-data"), StandardCharsets.UTF_8));
    }

    @Test
    void theSameSeedAndTimeGiveTheSameBytes() {
        assertThat(seed().toIso()).isEqualTo(seed().toIso());
    }

    @Test
    void fileSizesAroundSectorBoundariesReadBackExactly() throws Exception {
        Random random = new Random(2048);
        for (int size : SIZES) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            byte[] network = new byte[SIZES[(size + 3) % SIZES.length]];
            random.nextBytes(network);
            NoCloudSeed seed = NoCloudSeed.builder().userData(data).instanceId("i-" + size)
                    .networkConfig(network).time(TIME).build();
            Path iso = write(seed, "size-" + size + ".iso");
            assertThat(IsoReaders.list(iso, "-R").get("user-data").size()).isEqualTo(size);
            assertReadBackEverywhere(iso, seed.files());
        }
    }

    /**
     * Random sets of files (names of NoCloud's alphabet, sizes near sector multiples) through the generic writer:
     * every reader agrees on names and bytes, and isovfy finds no structural error. Seeded, so failures reproduce.
     */
    @Test
    void randomFileSetsReadBackExactly() throws Exception {
        Random random = new Random(9660);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-._";
        for (int round = 0; round < 12; round++) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            int count = 1 + random.nextInt(20);
            while (files.size() < count) {
                StringBuilder name = new StringBuilder();
                int len = 1 + random.nextInt(40);
                for (int i = 0; i < len; i++) {
                    name.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String n = name.toString();
                if (n.equals(".") || n.equals("..")) {
                    continue;
                }
                int size = Math.max(0, 2048 * random.nextInt(4) + random.nextInt(5) - 2);
                byte[] data = new byte[size];
                random.nextBytes(data);
                files.put(n, data);
            }
            List<Iso9660Writer.Entry> entries = new ArrayList<>();
            files.forEach((n, d) -> entries.add(new Iso9660Writer.Entry(n, d, 0644)));
            Path iso = dir.resolve("random-" + round + ".iso");
            Files.write(iso, Iso9660Writer.write("cidata", entries, TIME));
            assertThat(IsoReaders.list(iso, "").keySet()).as("unique 8.3 names").hasSize(files.size());
            assertReadBackEverywhere(iso, files);
        }
    }

    @Test
    void manyFilesSpillTheDirectoriesOverSeveralSectors() throws Exception {
        // 60 files of 40-character names need about 4 sectors of Rock Ridge records and 3 of Joliet ones.
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<Iso9660Writer.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String name = String.format("file-%02d-", i) + "x".repeat(32);
            byte[] data = ("content " + i).getBytes(StandardCharsets.UTF_8);
            files.put(name, data);
            entries.add(new Iso9660Writer.Entry(name, data, 0644));
        }
        Path iso = dir.resolve("many.iso");
        byte[] image = Iso9660Writer.write("cidata", entries, TIME);
        Files.write(iso, image);
        ByteBuffer le = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(le.getInt(16 * 2048 + 156 + 10)).as("primary root size").isGreaterThanOrEqualTo(3 * 2048);
        assertThat(le.getInt(17 * 2048 + 156 + 10)).as("Joliet root size").isGreaterThanOrEqualTo(2 * 2048);
        assertReadBackEverywhere(iso, files);
    }

    /** Checks of our own on the raw structure, which run even where the readers are not installed. */
    @Test
    void descriptorsAreWhereTheStandardPutsThemWithConsistentBothEndianFields() {
        byte[] iso = seed().toIso();
        assertThat(iso.length % 2048).isZero();
        ByteBuffer le = ByteBuffer.wrap(iso).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer be = ByteBuffer.wrap(iso).order(ByteOrder.BIG_ENDIAN);
        for (int sector : new int[] {16, 17}) {
            int base = sector * 2048;
            assertThat(new String(iso, base + 1, 5, StandardCharsets.US_ASCII)).isEqualTo("CD001");
            assertThat(le.getInt(base + 80)).isEqualTo(be.getInt(base + 84)).isEqualTo(iso.length / 2048);
            assertThat(le.getShort(base + 128)).isEqualTo(be.getShort(base + 130)).isEqualTo((short) 2048);
            assertThat(le.getInt(base + 132)).isEqualTo(be.getInt(base + 136)).isEqualTo(10);
            int lTable = le.getInt(base + 140);
            int mTable = be.getInt(base + 148);
            int rootLba = le.getInt(base + 156 + 2);
            assertThat(be.getInt(base + 156 + 6)).isEqualTo(rootLba);
            assertThat(le.getInt(lTable * 2048 + 2)).as("L path table names the root").isEqualTo(rootLba);
            assertThat(be.getInt(mTable * 2048 + 2)).as("M path table names the root").isEqualTo(rootLba);
        }
        assertThat(iso[16 * 2048]).isEqualTo((byte) 1);
        assertThat(iso[17 * 2048]).isEqualTo((byte) 2);
        assertThat(new String(iso, 17 * 2048 + 88, 3, StandardCharsets.US_ASCII)).isEqualTo("%/E");
        assertThat(iso[18 * 2048] & 0xFF).isEqualTo(255);
        assertThat(new String(iso, 16 * 2048 + 40, 6, StandardCharsets.US_ASCII)).isEqualTo("cidata");
        assertThat(new String(iso, 17 * 2048 + 40, 12, StandardCharsets.UTF_16BE)).isEqualTo("cidata");
    }

    @Test
    void badInputsAreRefused() {
        assertThatThrownBy(() -> NoCloudSeed.builder().instanceId("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoCloudSeed.builder().hostname("under_score")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoCloudSeed.builder().instanceId("i-1").build()).isInstanceOf(NullPointerException.class);
        List<Iso9660Writer.Entry> dup = List.of(new Iso9660Writer.Entry("a", new byte[0], 0644),
                new Iso9660Writer.Entry("a", new byte[0], 0644));
        assertThatThrownBy(() -> Iso9660Writer.write("cidata", dup, TIME)).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> Iso9660Writer.write("ci-data", List.of(), TIME)).hasMessageContaining("volume id");
        assertThatThrownBy(() -> Iso9660Writer.write("cidata",
                List.of(new Iso9660Writer.Entry("a/b", new byte[0], 0644)), TIME)).hasMessageContaining("'/'");
    }

    private void assertReadBackEverywhere(Path iso, Map<String, byte[]> expected) throws Exception {
        IsoReaders.verify(iso);
        assertThat(IsoReaders.describe(iso)).contains("Volume id: cidata");
        assertThat(IsoReaders.list(iso, "-R").keySet()).isEqualTo(expected.keySet());
        assertThat(IsoReaders.list(iso, "-J").keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertThat(IsoReaders.extract(iso, "-R", "/" + e.getKey())).as("isoinfo -R -x %s", e.getKey())
                    .isEqualTo(e.getValue());
            assertThat(IsoReaders.extract(iso, "-J", "/" + e.getKey())).as("isoinfo -J -x %s", e.getKey())
                    .isEqualTo(e.getValue());
        }
        Path out = Files.createTempDirectory(dir, "x");
        Path into = out.resolve("root");
        Map<String, byte[]> extracted = IsoReaders.xorrisoExtract(iso, into);
        assertThat(extracted.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertThat(extracted.get(e.getKey())).as("xorriso %s", e.getKey()).isEqualTo(e.getValue());
        }
    }
}

package io.altostratus.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceTypeMapTest {
    @TempDir
    Path dir;

    private static AltoException refusal(Runnable action) {
        AltoException e = catchThrowableOfType(AltoException.class, action::run);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(e.providerCode()).isEqualTo(InstanceTypeMap.INVALID_MAP);
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }

    @Test
    void aFileOfLinesMapsForwardAndUnmappedNamesPassThrough() {
        InstanceTypeMap map = InstanceTypeMap.parse("""
                # Proxmox sizes
                t3.micro = small
                "t3.large" = "large"   # quoted, as TOML writes it
                'm5.xlarge'='xlarge'

                """, "types.map");

        assertThat(map.size()).isEqualTo(3);
        assertThat(map.backendSize("t3.micro")).isEqualTo("small");
        assertThat(map.backendSize("t3.large")).isEqualTo("large");
        assertThat(map.backendSize("m5.xlarge")).isEqualTo("xlarge");
        assertThat(map.backendSize("c5.large")).isEqualTo("c5.large");
        assertThat(map.backendSize(null)).isNull();
        assertThat(map.entries().get(1).origin()).isEqualTo("types.map line 3");
    }

    @Test
    void theQuotedFormIsValidTomlThatMeansTheSameMap() throws Exception {
        String text = "\"t3.micro\" = \"small\"\n\"t3.nano\" = \"tiny\"\n";
        JsonNode toml = new TomlMapper().readTree(text);

        InstanceTypeMap map = InstanceTypeMap.parse(text, "f");

        assertThat(toml.path("t3.micro").asText()).isEqualTo(map.backendSize("t3.micro"));
        assertThat(toml.path("t3.nano").asText()).isEqualTo(map.backendSize("t3.nano"));
    }

    @Test
    void whenSeveralEc2NamesShareASizeTheFirstEntryIsWhatReadsReport() {
        InstanceTypeMap map = InstanceTypeMap.parse("t3.nano = small\nt3.micro = small\nt3.large = large\n", "f");

        assertThat(map.ec2Type("small")).isEqualTo("t3.nano");
        assertThat(map.ec2Type("large")).isEqualTo("t3.large");
        assertThat(map.ec2Type("huge")).isEqualTo("huge");
        assertThat(map.listedNames("small")).containsExactly("t3.nano", "t3.micro");
    }

    @Test
    void aBackendSizeWhoseOwnNameIsMappedElsewhereIsNotListed() {
        // t3.micro now launches t3.small, so the backend's own t3.micro cannot be had under any name.
        InstanceTypeMap map = InstanceTypeMap.of(Map.of("t3.micro", "t3.small"));

        assertThat(map.listedNames("t3.small")).containsExactly("t3.micro");
        assertThat(map.listedNames("t3.micro")).isEmpty();
        assertThat(map.listedNames("m5.large")).containsExactly("m5.large");
    }

    @Test
    void aLineWithoutAnEqualsSignIsRefusedNamingTheFileAndLine() {
        AltoException e = refusal(() -> InstanceTypeMap.parse("t3.micro = small\n\nt3.large large\n", "types.map"));

        assertThat(e.getMessage()).contains("types.map line 3").contains("t3.large large");
    }

    @Test
    void otherMalformedLinesAreRefusedEachWithItsLine() {
        assertThat(refusal(() -> InstanceTypeMap.parse("t3.micro =\n", "f")).getMessage())
                .contains("f line 1").contains("backend size is missing");
        assertThat(refusal(() -> InstanceTypeMap.parse("# c\nt3.micro = small large\n", "f")).getMessage())
                .contains("f line 2").contains("unexpected text");
        assertThat(refusal(() -> InstanceTypeMap.parse("\"t3.micro = small\n", "f")).getMessage())
                .contains("f line 1").contains("not closed");
        assertThat(refusal(() -> InstanceTypeMap.parse("[type_map]\nt3.micro = small\n", "f")).getMessage())
                .contains("f line 1").contains("table header");
        assertThat(refusal(() -> InstanceTypeMap.parse("t3.micro = sm@ll\n", "f")).getMessage())
                .contains("f line 1").contains("'sm@ll'");
    }

    @Test
    void anEc2TypeGivenTwiceInOneFileIsRefusedNamingBothLines() {
        AltoException e = refusal(() -> InstanceTypeMap.parse("t3.micro = small\nt3.micro = medium\n", "f"));

        assertThat(e.getMessage()).contains("f line 2").contains("f line 1").contains("t3.micro");
    }

    @Test
    void readNamesAMissingFile() {
        Path missing = dir.resolve("nope.map");

        assertThat(refusal(() -> InstanceTypeMap.read(missing)).getMessage()).contains(missing.toString())
                .contains("no such file");
    }

    @Test
    void readParsesAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("types.map"), "t3.micro = e2-micro\n");

        InstanceTypeMap map = InstanceTypeMap.read(file);

        assertThat(map.backendSize("t3.micro")).isEqualTo("e2-micro");
        assertThat(map.entries().get(0).origin()).isEqualTo(file + " line 1");
    }

    @Test
    void aFlagAssignmentParsesAndABadOneIsRefused() {
        InstanceTypeMap.Entry entry = InstanceTypeMap.parseEntry("t3.micro=small", "--map-type");

        assertThat(entry.ec2Type()).isEqualTo("t3.micro");
        assertThat(entry.backendSize()).isEqualTo("small");
        assertThat(refusal(() -> InstanceTypeMap.parseEntry("t3.micro", "--map-type")).getMessage())
                .contains("--map-type t3.micro");
        assertThat(refusal(() -> InstanceTypeMap.parseEntry("t3.micro=small # no", "--map-type")).getMessage())
                .contains("unexpected text");
    }

    @Test
    void aLaterSourceReplacesAnEc2NameAndTakesTheLaterPosition() {
        InstanceTypeMap config = InstanceTypeMap.parse("t3.micro = small\nt3.nano = small\n", "alto.toml");
        InstanceTypeMap flags = InstanceTypeMap.ofEntries(List.of(InstanceTypeMap.parseEntry("t3.micro=medium", "--map-type")));

        InstanceTypeMap merged = config.overriddenBy(flags);

        assertThat(merged.backendSize("t3.micro")).isEqualTo("medium");
        assertThat(merged.ec2Type("small")).isEqualTo("t3.nano");
        assertThat(merged.entries()).extracting(InstanceTypeMap.Entry::ec2Type).containsExactly("t3.nano", "t3.micro");
    }

    @Test
    void aConfigTableUnfoldsTomlDottedKeys() throws Exception {
        // What AltoConfig.section makes of [type_map] with a bare and a quoted key: nested tables become JSON text.
        JsonNode table = new TomlMapper().readTree("t3.micro = \"small\"\n\"m5.large\" = \"large\"\n");
        Map<String, String> section = new LinkedHashMap<>();
        table.fields().forEachRemaining(f -> section.put(f.getKey(),
                f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));

        InstanceTypeMap map = InstanceTypeMap.fromConfig(section, "alto.toml [type_map]");

        assertThat(map.backendSize("t3.micro")).isEqualTo("small");
        assertThat(map.backendSize("m5.large")).isEqualTo("large");
        assertThat(refusal(() -> InstanceTypeMap.fromConfig(Map.of("t3", "{\"micro\":3}"), "alto.toml [type_map]"))
                .getMessage()).contains("alto.toml [type_map]").contains("t3.micro");
    }

    @Test
    void sizesTheBackendLacksAreRefusedNamingTheEntryAndItsOrigin() {
        InstanceTypeMap map = InstanceTypeMap.parse("t3.micro = small\nt3.large = huge\n", "types.map");

        map.requireSizesIn("proxmox", List.of("small", "medium", "huge"));
        AltoException e = refusal(() -> map.requireSizesIn("proxmox", List.of("medium")));

        assertThat(e.getMessage()).contains("'proxmox'").contains("'small'").contains("types.map line 1")
                .contains("'huge'").contains("types.map line 2").contains("medium");
    }
}

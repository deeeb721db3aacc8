package io.altostratus.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FcdNamesTest {
    @Test
    void tagsWithSeparatorsSurviveTheName() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", "db data #alto-tags not=tags");
        tags.put("a&b", "x=y #alto-tags z");
        tags.put("alto:zone", "DC0_C0");
        tags.put("empty", "");

        String name = FcdNames.write(tags);

        assertThat(name).startsWith("db data #alto-tags not=tags #alto-tags ");
        assertThat(FcdNames.read(name)).containsExactlyEntriesOf(tags);
    }

    @Test
    void aDiskMadeElsewhereIsNamedByItsName() {
        assertThat(FcdNames.read("legacy-disk-01")).containsExactly(Map.entry("Name", "legacy-disk-01"));
        assertThat(FcdNames.write(Map.of())).isEqualTo(FcdNames.UNNAMED);
    }
}

package io.altostratus.gateway.gce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison the wire checks rely on finds what it should. */
class WireShapesTest {
    @Test
    void findsATypeDifferenceAtAnyDepthAndIgnoresFieldsOnlyOneSideHas() throws Exception {
        var recorded = WireShapes.parse("{\"id\":\"1\",\"disks\":[{\"boot\":true}],\"only\":1}");
        assertThat(WireShapes.typeMismatches(WireShapes.parse("{\"id\":1}"), recorded))
                .containsExactly("$.id: number vs string");
        assertThat(WireShapes.typeMismatches(WireShapes.parse("{\"disks\":[{\"boot\":\"true\"}],\"mine\":2}"),
                recorded)).containsExactly("$.disks[0].boot: string vs boolean");
        assertThat(WireShapes.typeMismatches(WireShapes.parse("{\"id\":\"7\",\"disks\":[{\"boot\":false}]}"),
                recorded)).isEmpty();
    }

    @Test
    void comparesAggregatedItemsEntryByEntry() throws Exception {
        var recorded = WireShapes.parse("{\"items\":{\"zones/a\":{\"instances\":[{\"id\":\"1\"}]}}}");
        assertThat(WireShapes.typeMismatches(
                WireShapes.parse("{\"items\":{\"zones/b\":{\"instances\":[{\"id\":2}]}}}"), recorded))
                .containsExactly("$.items.zones/b.instances[0].id: number vs string");
    }

    @Test
    void reportsMissingKeyFieldsOnlyWhenTheRecordingHasThem() throws Exception {
        var recorded = WireShapes.parse("{\"kind\":\"k\",\"disks\":[{\"boot\":true}]}");
        assertThat(WireShapes.missing(WireShapes.parse("{\"kind\":\"k\"}"), recorded,
                List.of("kind", "disks.0.boot", "zone"))).containsExactly("disks.0.boot");
    }
}

package io.altostratus.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.GroupRef;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A document keeps the record it was made from in place of decoding its JSON; that is only sound because the JSON
 * decodes into an equal record, which these tests check for the shapes the store holds.
 */
class DocTest {

    record Tagged(String id, Instant at, List<String> items, Map<String, String> tags) {
    }

    private static final Key KEY = new Key("kind", "acct", "id-1");

    private static <T> T viaJson(T value, Class<T> type) {
        return new Doc(KEY.id(), 1, DocumentCodec.INSTANCE.encode(KEY, value), null).as(KEY, type);
    }

    @Test
    void recordsDecodeFromTheirJsonIntoEqualRecords() {
        Tagged tagged = new Tagged("x", Instant.parse("2026-03-01T10:15:30.123456789Z"), List.of("a", "b"),
                Map.of("Name", "web", "team", "infra"));
        Instance instance = Instance.builder().id("i-0123456789abcdef0").state(InstanceState.PENDING)
                .securityGroups(List.of(new GroupRef("sg-1", "default")))
                .blockDevices(List.of(new BlockDevice("/dev/xvda", "vol-1", true)))
                .networkInterfaceIds(List.of("eni-1")).tags(Map.of("Name", "web"))
                .launchTime(Instant.parse("2026-01-02T03:04:05.5Z")).build();

        assertThat(viaJson(tagged, Tagged.class)).isEqualTo(tagged).isNotSameAs(tagged);
        assertThat(viaJson(instance, Instance.class)).isEqualTo(instance).isNotSameAs(instance);
    }

    @Test
    void aRecordIsKeptAndAnsweredAsItsOwnClassOnly() {
        Tagged tagged = new Tagged("x", null, List.of(), Map.of());
        Doc doc = new Doc(KEY.id(), 1, DocumentCodec.INSTANCE.encode(KEY, tagged), tagged);

        assertThat(doc.keptValue()).isSameAs(tagged);
        assertThat(doc.as(KEY, Tagged.class)).isSameAs(tagged);
        // Another class still comes from the JSON.
        assertThat(doc.as(KEY, Map.class)).containsEntry("id", "x");
    }

    @Test
    void anObjectThatIsNotARecordIsNotKept() {
        List<String> mutable = new java.util.ArrayList<>(List.of("a"));
        Doc doc = new Doc(KEY.id(), 1, DocumentCodec.INSTANCE.encode(KEY, mutable), mutable);
        mutable.add("b");

        assertThat(doc.keptValue()).isNull();
        assertThat(doc.as(KEY, List.class)).containsExactly("a");
    }

    @Test
    void aDocumentReadAsARecordKeepsOnlyTheRecordAndWritesEqualJsonBack() {
        Tagged tagged = new Tagged("x", Instant.parse("2026-03-01T10:15:30Z"), List.of("a"), Map.of("k", "v"));
        String json = DocumentCodec.INSTANCE.encode(KEY, tagged);
        Doc doc = new Doc(KEY.id(), 1, json, null);
        assertThat(doc.keptValue()).isNull();

        Tagged read = doc.as(KEY, Tagged.class);

        assertThat(read).isEqualTo(tagged);
        assertThat(doc.keptValue()).isSameAs(read);
        assertThat(doc.as(KEY, Tagged.class)).isSameAs(read);
        assertThat(doc.json(KEY)).isEqualTo(json);
    }

    @Test
    void aDocumentThatIsNotARecordKeepsItsJsonBesideTheDecodedValue() {
        Doc doc = new Doc(KEY.id(), 1, "{\"a\":1}", null);

        Map<?, ?> first = doc.as(KEY, Map.class);

        assertThat(doc.as(KEY, Map.class)).isSameAs(first);
        assertThat(doc.keptValue()).isNull();
        assertThat(doc.json(KEY)).isEqualTo("{\"a\":1}");
    }
}

package io.altostratus.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedStringsTest {

    record Placed(String id, String zone, Map<String, String> tags, List<String> groups, String note) {
    }

    @Test
    void documentsDecodedOneByOneShareTheValuesAndKeysTheyRepeat() {
        String note = "n".repeat(100);
        Placed a = decode("{\"id\":\"i-1\",\"zone\":\"us-east-1a\",\"tags\":{\"team\":\"web\"},\"groups\":[\"sg-1\"],"
                + "\"note\":\"" + note + "\"}");
        Placed b = decode("{\"id\":\"i-2\",\"zone\":\"us-east-1a\",\"tags\":{\"team\":\"web\"},\"groups\":[\"sg-1\"],"
                + "\"note\":\"" + note + "\"}");

        assertThat(b.zone()).isEqualTo("us-east-1a").isSameAs(a.zone());
        assertThat(b.groups().get(0)).isSameAs(a.groups().get(0));
        assertThat(b.tags().keySet().iterator().next()).isSameAs(a.tags().keySet().iterator().next());
        assertThat(b.tags().get("team")).isSameAs(a.tags().get("team"));
        assertThat(b.id()).isEqualTo("i-2");
        assertThat(b.note()).as("long values are not kept").isEqualTo(a.note()).isNotSameAs(a.note());
    }

    @Test
    void aScalarWhereAStringIsExpectedIsCoercedAsJacksonDoes() {
        Placed placed = decode("{\"id\":42,\"zone\":true,\"tags\":{},\"groups\":[],\"note\":null}");

        assertThat(placed.id()).isEqualTo("42");
        assertThat(placed.zone()).isEqualTo("true");
        assertThat(placed.note()).isNull();
    }

    @Test
    void aValueEvictedFromItsSlotIsStillEqual() {
        SharedStrings strings = new SharedStrings();
        String first = strings.share(new String("alpha"));
        for (int i = 0; i < 100_000; i++) {
            strings.share("id-" + i);
        }

        assertThat(strings.share(new String("alpha"))).isEqualTo(first);
        assertThat(strings.share(null)).isNull();
    }

    private static Placed decode(String json) {
        return DocumentCodec.INSTANCE.decode(new Key("placed", "acct", "x"), json, Placed.class);
    }
}

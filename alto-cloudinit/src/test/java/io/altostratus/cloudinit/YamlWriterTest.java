package io.altostratus.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.cloudinit.internal.YamlWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The YAML writer against two YAML 1.1 readers: SnakeYAML in-process (always) and PyYAML, the reader cloud-init
 * itself uses (when Debian's python3-yaml is present). Every string must come back as the same string.
 */
class YamlWriterTest {
    /** Strings YAML 1.1 reads as something else, or that break YAML syntax when written plain. */
    static final List<String> TRICKY = List.of("yes", "Yes", "NO", "on", "Off", "y", "n", "true", "False", "null",
            "Null", "~", "", " ", "0755", "0644", "0o644", "12:30", "1:20:30", "190:20:30", "1e3", "1_000", "0x1F",
            "0b101", "+1", "-1", ".5", "1.", ".inf", "-.Inf", ".NaN", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
            "=", "<<", "- a", "-", "? x", ": x", "a: b", "a #b", "#x", "&anchor", "*alias", "!tag", "!!str",
            "%YAML", "@x", "`x", "|", ">", "'", "\"", "[a]", "{a: 1}", "a,b", "trailing ", " leading", "tab\there",
            "line\nbreak", "ends\n", "two\n\n", "\nstarts", "cr\rlf", "nul\0", "bell\u0007", "del\u007f",
            "nel\u0085", "ls\u2028", "bom\ufeff", "é", "日本", "emoji\uD83D\uDE00", "back\\slash", "---", "...",
            "--- x", "echo hi > /tmp/x", "ALL=(ALL) NOPASSWD:ALL", "root:root", "$UPTIME", "%", "a\n  indented\n",
            "a\n \nb", "x\t\ny");

    private static final Yaml SNAKE = new Yaml(new SafeConstructor(new LoaderOptions()));

    @Example
    void everyTrickyStringRoundTripsThroughSnakeYaml() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("list", TRICKY);
        Map<String, Object> asKeys = new LinkedHashMap<>();
        for (String s : TRICKY) {
            asKeys.put(s, s);
        }
        doc.put("map", asKeys);
        assertThat(SNAKE.<Object>load(YamlWriter.document(doc))).isEqualTo(doc);
    }

    @Example
    void stringsThatLookLikeOtherTypesAreQuotedAndPlainWordsAreNot() {
        assertThat(YamlWriter.scalar("yes")).isEqualTo("\"yes\"");
        assertThat(YamlWriter.scalar("on")).isEqualTo("\"on\"");
        assertThat(YamlWriter.scalar("0755")).isEqualTo("\"0755\"");
        assertThat(YamlWriter.scalar("12:30")).isEqualTo("\"12:30\"");
        assertThat(YamlWriter.scalar("nginx")).isEqualTo("nginx");
        assertThat(YamlWriter.scalar("/bin/bash")).isEqualTo("/bin/bash");
        assertThat(YamlWriter.scalar(true)).isEqualTo("true");
        assertThat(YamlWriter.scalar(42)).isEqualTo("42");
    }

    @Example
    void noTagsOrAnchorsEvenForSharedValues() {
        List<String> shared = List.of("a", "b");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("one", shared);
        doc.put("two", shared);
        String yaml = YamlWriter.document(doc);
        assertThat(yaml).doesNotContain("&").doesNotContain("*").doesNotContain("!!");
        assertThat(yaml).isEqualTo("one:\n  - a\n  - b\ntwo:\n  - a\n  - b\n");
    }

    @Example
    void multiLineTextIsALiteralBlockWithTheRightChomping() {
        assertThat(YamlWriter.document(Map.of("k", "a\nb\n"))).isEqualTo("k: |\n  a\n  b\n");
        assertThat(YamlWriter.document(Map.of("k", "a\nb"))).isEqualTo("k: |-\n  a\n  b\n");
        assertThat(YamlWriter.document(Map.of("k", "a\n\n"))).isEqualTo("k: |+\n  a\n\n");
    }

    @Property(tries = 300)
    void anyDocumentOfStringsRoundTripsThroughSnakeYaml(@ForAll("documents") Map<String, Object> doc) {
        assertThat(SNAKE.<Object>load(YamlWriter.document(doc))).isEqualTo(doc);
    }

    /** PyYAML is what cloud-init parses user data with; it must agree on every generated string too. */
    @Example
    void pyYamlReadsTheSameStrings() throws Exception {
        Tools.require("cloud-init");
        List<String> strings = new ArrayList<>(TRICKY);
        strings.addAll(texts().sampleStream().limit(500).toList());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("strings", strings);
        byte[] yaml = YamlWriter.document(doc).getBytes(StandardCharsets.UTF_8);
        Tools.Result parsed = Tools.run(List.of("/usr/bin/python3", "-c",
                "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.buffer.read())))"), yaml).ok();
        assertThat(new ObjectMapper().readValue(parsed.stdout(), Map.class)).isEqualTo(doc);
    }

    @Provide
    Arbitrary<Map<String, Object>> documents() {
        Arbitrary<String> text = texts();
        Arbitrary<Object> leaf = Arbitraries.oneOf(text.map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.of(true, false).map(b -> (Object) b));
        Arbitrary<Object> list = leaf.list().ofMaxSize(4).map(l -> (Object) l);
        Arbitrary<Object> nested = Arbitraries.maps(text, Arbitraries.oneOf(leaf, list)).ofMaxSize(3)
                .map(m -> (Object) new LinkedHashMap<>(m));
        Arbitrary<Object> listOfMaps = nested.list().ofMaxSize(3).map(l -> (Object) l);
        Arbitrary<Object> listOfLists = list.list().ofMaxSize(3).map(l -> (Object) l);
        return Arbitraries.maps(text, Arbitraries.oneOf(leaf, list, nested, listOfMaps, listOfLists))
                .ofMaxSize(5).map(LinkedHashMap::new);
    }

    /** Tricky strings, strings of YAML's special characters, and any Unicode text. */
    static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.of(TRICKY),
                Arbitraries.strings().withChars("ay0:#-' \"\n\t\\.|>&*!%@`,[]{}?~=").ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(20).filter(YamlWriterTest::noLoneSurrogate));
    }

    static boolean noLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}

package io.altostratus.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Multi-part user data read back by Python's email package (what cloud-init uses underneath) and by cloud-init's
 * own UserDataProcessor, which is what runs on an instance.
 */
class MultipartUserDataTest {
    private static final String PARSE_WITH_EMAIL = String.join("\n",
            "import base64, email, json, sys",
            "m = email.message_from_bytes(sys.stdin.buffer.read())",
            "parts = [{'type': p.get_content_type(), 'filename': p.get_filename(),",
            "          'b64': base64.b64encode(p.get_payload(decode=True)).decode()}",
            "         for p in m.walk() if not p.is_multipart()]",
            "print(json.dumps({'multipart': m.is_multipart(), 'type': m.get_content_type(),",
            "                  'mime': m['MIME-Version'], 'defects': len(m.defects), 'parts': parts}))");

    private static final String PARSE_WITH_CLOUD_INIT = String.join("\n",
            "import base64, json, sys, tempfile",
            "from cloudinit import helpers, user_data",
            "d = tempfile.mkdtemp()",
            "msg = user_data.UserDataProcessor(helpers.Paths({'cloud_dir': d, 'run_dir': d}))"
                    + ".process(sys.stdin.buffer.read())",
            "print(json.dumps([{'type': p.get_content_type(), 'filename': p.get_filename(),",
            "                   'b64': base64.b64encode(p.get_payload(decode=True)).decode()}",
            "                  for p in msg.walk() if not p.is_multipart()]))");

    static MultipartUserData sample() {
        CloudConfig config = CloudConfig.builder().hostname("mixed").packages("jq").runcmd("echo from-config").build();
        return MultipartUserData.builder()
                .cloudConfig(config)
                .shellScript("first.sh", "#!/bin/sh\necho first\n")
                .shellScript("utf8.sh", "#!/bin/sh\necho 'héllo wörld ✓'\n")
                .shellScript("no-final-newline.sh", "#!/bin/bash\nprintf done")
                // A line longer than SMTP's 998 characters forces base64 even though it is ASCII.
                .shellScript("long.sh", "#!/bin/sh\n: " + "x".repeat(1500) + "\n")
                .build();
    }

    @Test
    void pythonsEmailParserSeesEveryPartWithItsTypeNameAndExactBytes() throws Exception {
        MultipartUserData data = sample();
        JsonNode parsed = parse(PARSE_WITH_EMAIL, Tools.require("python3").toString(), data.renderBytes());
        assertThat(parsed.get("multipart").asBoolean()).isTrue();
        assertThat(parsed.get("type").asText()).isEqualTo("multipart/mixed");
        assertThat(parsed.get("mime").asText()).isEqualTo("1.0");
        assertThat(parsed.get("defects").asInt()).isZero();
        assertPartsEqual(parsed.get("parts"), data.parts());
    }

    @Test
    void cloudInitsUserDataProcessorSeesTheSameParts() throws Exception {
        MultipartUserData data = sample();
        JsonNode parts = parse(PARSE_WITH_CLOUD_INIT, Tools.cloudInitPython().toString(), data.renderBytes());
        assertPartsEqual(parts, data.parts());
    }

    @Test
    void cloudInitAlsoReadsGzippedMultipart() throws Exception {
        MultipartUserData data = sample();
        JsonNode parts = parse(PARSE_WITH_CLOUD_INIT, Tools.cloudInitPython().toString(),
                UserDataEncoding.gzip(data.renderBytes()));
        assertPartsEqual(parts, data.parts());
    }

    @Test
    void aPartContainingTheNaturalBoundaryGetsAnotherOne() throws Exception {
        String script = "#!/bin/sh\necho start\n";
        String first = MultipartUserData.builder().shellScript("a.sh", script).build().render();
        String boundary = first.substring(first.indexOf("boundary=\"") + 10, first.indexOf("\"\n"));
        // The same script with its own would-be boundary inside: the writer must pick a different one.
        String hostile = script + "--" + boundary + "\n--" + boundary + "--\n";
        MultipartUserData data = MultipartUserData.builder().shellScript("a.sh", hostile).build();
        assertThat(data.render()).doesNotContain("boundary=\"" + boundary + "\"");
        JsonNode parsed = parse(PARSE_WITH_EMAIL, Tools.require("python3").toString(), data.renderBytes());
        assertPartsEqual(parsed.get("parts"), data.parts());
    }

    @Test
    void theSamePartsAlwaysRenderTheSameBytes() {
        assertThat(sample().render()).isEqualTo(sample().render());
        assertThat(sample().render()).startsWith("Content-Type: multipart/mixed; boundary=\"")
                .contains("\nMIME-Version: 1.0\n");
    }

    @Test
    void partTypesAreSniffedFromTheFirstLineAsCloudInitDoes() {
        assertThat(PartType.sniff("#cloud-config\na: 1\n")).isEqualTo(PartType.CLOUD_CONFIG);
        assertThat(PartType.sniff("#!/usr/bin/env python3\n")).isEqualTo(PartType.SHELL_SCRIPT);
        assertThat(PartType.sniff("#cloud-boothook\n")).isEqualTo(PartType.BOOTHOOK);
        assertThatThrownBy(() -> PartType.sniff("hello\n")).isInstanceOf(IllegalArgumentException.class);
        MultipartUserData twice = MultipartUserData.builder().sniffed(null, "#!/bin/sh\n").sniffed(null, "#!/bin/sh\n")
                .build();
        assertThat(twice.parts()).extracting(MultipartUserData.Part::filename).containsExactly("script.sh", "2-script.sh");
    }

    private static JsonNode parse(String script, String python, byte[] input) throws Exception {
        Tools.Result r = Tools.run(List.of(python, "-c", script), input).ok();
        return new ObjectMapper().readTree(r.stdout());
    }

    private static void assertPartsEqual(JsonNode parsed, List<MultipartUserData.Part> expected) {
        assertThat(parsed).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode p = parsed.get(i);
            MultipartUserData.Part e = expected.get(i);
            assertThat(p.get("type").asText()).isEqualTo(e.type().mimeType());
            assertThat(p.get("filename").asText()).isEqualTo(e.filename());
            assertThat(new String(Base64.getDecoder().decode(p.get("b64").asText()), StandardCharsets.UTF_8))
                    .as("part %d (%s)", i, e.filename())
                    .isEqualTo(new String(e.content(), StandardCharsets.UTF_8));
        }
    }
}

package io.altostratus.gateway.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed, oversized and random requests: the decoder and the query parser either succeed or throw the typed
 * codec exception with a one-line message; nothing else ever escapes.
 */
class DecoderFuzzTest {
    private static final List<String> ACTIONS = List.of("RunInstances", "DescribeInstances", "CreateTags",
            "AuthorizeSecurityGroupIngress", "CreateLaunchTemplate", "RequestSpotFleet", "ImportKeyPair",
            "DescribeSpotPriceHistory", "ModifyInstanceAttribute", "CreateFleet", "EnableVolumeIO", "NoSuchAction");
    /** Real parameter paths, so that random suffixes and values reach deep into the shapes. */
    private static final List<String> PREFIXES = List.of("", "ImageId", "MinCount", "MaxCount", "Filter.1",
            "Filter.1.Value.1", "TagSpecification.1.Tag.1", "BlockDeviceMapping.1.Ebs", "IpPermissions.1.IpRanges.1",
            "LaunchTemplateData.NetworkInterface.1.PrivateIpAddresses.1", "SpotFleetRequestConfig.LaunchSpecifications.1",
            "LaunchTemplateConfigs.1.Overrides.1.InstanceRequirements.MemoryGiBPerVCpu", "StartTime", "DryRun",
            "PublicKeyMaterial", "InstanceId.10000", "InstanceId.10001", "Attribute", "UserData.Value");

    private final Ec2QueryDecoder decoder = new Ec2QueryDecoder();

    @Property(tries = 400)
    void randomParameterMapsOnlyEverFailWithTheCodecException(@ForAll("requests") Map<String, List<String>> request) {
        try {
            DecodedRequest decoded = decoder.decode(request);
            assertThat(decoded.request()).isInstanceOf(decoded.operation().requestClass());
        } catch (Ec2CodecException e) {
            assertThat(e.providerCode()).isIn("MissingAction", "InvalidAction", "UnknownParameter",
                    "MissingParameter", "InvalidParameterValue");
            assertThat(e.getMessage()).doesNotContain("\n", "\r").hasSizeLessThan(400);
        }
    }

    @Property(tries = 300)
    void randomFormBodiesOnlyEverFailWithTheCodecException(@ForAll("bodies") String body) {
        try {
            Map<String, List<String>> parameters = Ec2QueryParameters.parse(body);
            decoder.decode(parameters);
        } catch (Ec2CodecException e) {
            assertThat(e.getMessage()).doesNotContain("\n", "\r");
        }
    }

    @Provide
    Arbitrary<Map<String, List<String>>> requests() {
        Arbitrary<String> action = Arbitraries.oneOf(Arbitraries.of(ACTIONS), Arbitraries.strings().ofMaxLength(30));
        Arbitrary<Map.Entry<String, String>> parameter = Combinators.combine(names(), values()).as(Map::entry);
        return Combinators.combine(action, parameter.list().ofMaxSize(25), Arbitraries.integers().between(0, 3))
                .as((a, params, actionMode) -> {
                    Map<String, List<String>> map = new LinkedHashMap<>();
                    if (actionMode > 0) {
                        map.put("Action", actionMode == 3 ? List.of() : List.of(a));
                    }
                    for (Map.Entry<String, String> p : params) {
                        map.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue());
                    }
                    return map;
                });
    }

    private static Arbitrary<String> names() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("Name", "Value", "Key", "Tag", "Ebs", "VolumeSize", "Enabled", "1", "2", "0", "01",
                        "-1", "10000", "10001", "99999999999", "entry", "item", "", "Count", "Min", "Max", "Type"),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0000', '\uFFFF').ofMaxLength(6));
        Arbitrary<String> suffix = segment.list().ofMaxSize(8).map(parts -> String.join(".", parts));
        Arbitrary<String> deep = Arbitraries.integers().between(1, 400).map(n -> "Filter" + ".1.Value".repeat(n));
        Arbitrary<String> huge = Arbitraries.strings().ofMinLength(500).ofMaxLength(3000);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Combinators.combine(Arbitraries.of(PREFIXES), suffix)
                        .as((p, s) -> p.isEmpty() ? s : s.isEmpty() ? p : p + "." + s)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(1, deep),
                net.jqwik.api.Tuple.of(1, huge));
    }

    private static Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "1", "-1", "true", "FALSE", "yes", "2024-05-01T12:00:00Z", "2024-13-45", "NaN",
                        "1e999", "0x10", "9223372036854775808", "ami-1", "aGVsbG8=", "%%%", "\u0000", "😀"),
                Arbitraries.strings().ofMaxLength(50),
                Arbitraries.strings().withCharRange('\u0000', '\uFFFF').ofMaxLength(20),
                Arbitraries.strings().ofMinLength(10_000).ofMaxLength(100_000).withChars('a', 'Z', '=', '&'));
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> pair = Combinators.combine(
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.%+=-_")
                        .ofMaxLength(30),
                Arbitraries.strings().withChars("abcdefXYZ0123456789%+=&.~\u00e9").ofMaxLength(30))
                .as((k, v) -> k + "=" + v);
        Arbitrary<String> structured = pair.list().ofMaxSize(20).map(pairs -> String.join("&", pairs));
        Arbitrary<String> prefixed = Combinators.combine(Arbitraries.of(ACTIONS), structured)
                .as((a, rest) -> "Action=" + a + "&" + rest);
        return Arbitraries.oneOf(prefixed, structured, Arbitraries.strings().ofMaxLength(200));
    }
}

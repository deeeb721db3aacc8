package io.altostratus.aws.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Architecture;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the publishers of the well-known Linux images name them on EC2, both ways: an alias ({@code ubuntu:22.04},
 * {@code debian:12/arm64}, {@code amazon-linux:2023}, {@code ubuntu:24.04-daily}) becomes the publisher's owner id,
 * a DescribeImages name pattern and the SSM public parameters that point at the newest build; an image's owner and
 * name become its distro and release.
 */
public final class ImageAliases {
    public static final String CANONICAL = "099720109477";
    public static final String DEBIAN = "136693071363";
    public static final String DEBIAN_DAILY = "903794441882";
    public static final String AMAZON = "amazon";
    private static final String DAILY = "-daily";

    private static final Map<String, String> UBUNTU_CODENAMES = Map.ofEntries(
            Map.entry("bionic", "18.04"), Map.entry("focal", "20.04"), Map.entry("jammy", "22.04"),
            Map.entry("noble", "24.04"), Map.entry("oracular", "24.10"), Map.entry("plucky", "25.04"),
            Map.entry("questing", "25.10"), Map.entry("resolute", "26.04"));

    private static final Pattern UBUNTU = Pattern.compile(
            "ubuntu/images(-testing)?/[^/]+/ubuntu-([a-z]+)-(?:(daily)-)?(?:(\\d+\\.\\d+)-)?(?:daily-)?(amd64|arm64)-server-.*");
    private static final Pattern DEBIAN_NAME = Pattern.compile("debian-(\\d+)-(amd64|arm64)-(daily-)?.*");

    /** Where to look for an alias's images. */
    public record Lookup(List<String> owners, String namePattern, List<String> ssmParameters) {
    }

    /** The distro and release an image is, by its publisher's naming. */
    public record Identity(String distro, String release) {
    }

    private ImageAliases() {
    }

    public static Lookup lookup(String distro, String release, Architecture architecture) {
        Architecture arch = architecture == null ? Architecture.X86_64 : architecture;
        String deb = arch.debianName();
        boolean daily = release.endsWith(DAILY);
        String base = daily ? release.substring(0, release.length() - DAILY.length()) : release;
        return switch (distro.toLowerCase(Locale.ROOT)) {
            case "ubuntu" -> {
                String codename = UBUNTU_CODENAMES.entrySet().stream().filter(e -> e.getValue().equals(base))
                        .map(Map.Entry::getKey).findFirst().orElse("*");
                if (daily) {
                    yield new Lookup(List.of(CANONICAL),
                            "ubuntu/images-testing/hvm-ssd*/ubuntu-" + codename + "-daily-" + deb + "-server-*",
                            List.of("/aws/service/canonical/ubuntu/server/" + base + "/daily/current/" + deb
                                    + "/hvm/ebs-gp3/ami-id"));
                }
                yield new Lookup(List.of(CANONICAL),
                        "ubuntu/images/hvm-ssd*/ubuntu-" + codename + "-" + base + "-" + deb + "-server-*",
                        List.of("/aws/service/canonical/ubuntu/server/" + base + "/stable/current/" + deb
                                        + "/hvm/ebs-gp3/ami-id",
                                "/aws/service/canonical/ubuntu/server/" + base + "/stable/current/" + deb
                                        + "/hvm/ebs-gp2/ami-id"));
            }
            case "debian" -> daily
                    ? new Lookup(List.of(DEBIAN_DAILY), "debian-" + base + "-" + deb + "-daily-*", List.of())
                    : new Lookup(List.of(DEBIAN), "debian-" + base + "-" + deb + "-2*",
                            List.of("/aws/service/debian/release/" + base + "/latest/" + deb));
            case "amazon-linux" -> switch (base) {
                case "2023" -> new Lookup(List.of(AMAZON), "al2023-ami-2023.*-" + arch.wireName(),
                        List.of("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-" + arch.wireName()));
                case "2" -> new Lookup(List.of(AMAZON), "amzn2-ami-*hvm-2.0.*-" + arch.wireName() + "-gp2",
                        List.of("/aws/service/ami-amazon-linux-latest/amzn2-ami-kernel-5.10-hvm-" + arch.wireName()
                                + "-gp2"));
                default -> throw AltoException.invalid("InvalidParameterValue",
                        "unknown Amazon Linux release '" + release + "' (expected 2023 or 2)");
            };
            default -> throw AltoException.invalid("InvalidParameterValue", "no image alias for distro '" + distro
                    + "' on aws (expected ubuntu, debian or amazon-linux)");
        };
    }

    /** The distro and release of an image by its name (the owner is not checked: copies keep their names). */
    public static Identity identify(String ownerId, String name) {
        if (name == null) {
            return null;
        }
        Matcher u = UBUNTU.matcher(name);
        if (u.matches()) {
            String version = u.group(4) != null ? u.group(4) : UBUNTU_CODENAMES.get(u.group(2));
            if (version == null) {
                return null;
            }
            boolean daily = u.group(3) != null || name.contains("-daily-");
            return new Identity("ubuntu", daily ? version + DAILY : version);
        }
        Matcher d = DEBIAN_NAME.matcher(name);
        if (d.matches()) {
            return new Identity("debian", d.group(3) != null ? d.group(1) + DAILY : d.group(1));
        }
        if (name.startsWith("al2023-ami-")) {
            return new Identity("amazon-linux", "2023");
        }
        if (name.startsWith("amzn2-ami-")) {
            return new Identity("amazon-linux", "2");
        }
        return null;
    }
}

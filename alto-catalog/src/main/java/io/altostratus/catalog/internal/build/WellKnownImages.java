package io.altostratus.catalog.internal.build;

import io.altostratus.core.model.Architecture;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The well-known public images the catalog lists in every region besides the real Amazon Linux images of the source
 * data: Ubuntu LTS, Debian and older Amazon Linux builds, each in amd64 and arm64, with names in the style their
 * publishers use. Each release has several dated builds so that "the latest" means something.
 */
final class WellKnownImages {
    static final String CANONICAL = "099720109477";
    static final String DEBIAN = "136693071363";
    static final String AMAZON = "137112412989";

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    private static final List<Architecture> ARCHES = List.of(Architecture.X86_64, Architecture.ARM64);

    /** One image before it gets a region-specific id. */
    record Build(String name, String description, String ownerId, String ownerAlias, String distro, String release,
                 Architecture architecture, String rootDeviceName, LocalDate creationDate) {
    }

    private record Ubuntu(String codename, String version, String volumeKind, List<String> dates) {
    }

    private record Debian(String version, List<String> builds) {
    }

    // Canonical moved new releases to gp3 root volumes with noble; focal and jammy keep the hvm-ssd path.
    private static final List<Ubuntu> UBUNTU = List.of(
            new Ubuntu("focal", "20.04", "hvm-ssd", List.of("20250311", "20250415", "20250521")),
            new Ubuntu("jammy", "22.04", "hvm-ssd", List.of("20250812", "20250909", "20251015")),
            new Ubuntu("noble", "24.04", "hvm-ssd-gp3", List.of("20250821", "20250917", "20251001")));

    // Debian's cloud team numbers builds with one counter across releases: <date>-<build>.
    private static final List<Debian> DEBIAN_RELEASES = List.of(
            new Debian("11", List.of("20250701-2162", "20250814-2204", "20251006-2257")),
            new Debian("12", List.of("20250701-2162", "20250814-2204", "20251006-2257")),
            new Debian("13", List.of("20250814-2204", "20251006-2257")));

    private static final List<String> AL2023_VERSIONS = List.of("2023.8.20250818.0", "2023.8.20250915.0");
    private static final List<String> AL2_VERSIONS = List.of("2.0.20250818.0", "2.0.20250915.0");

    private WellKnownImages() {
    }

    /**
     * Every well-known build.
     *
     * @param amazonOwnerId the account that publishes Amazon Linux in the region (opt-in regions use their own)
     */
    static List<Build> all(String amazonOwnerId) {
        List<Build> out = new ArrayList<>();
        for (Ubuntu u : UBUNTU) {
            for (String date : u.dates()) {
                for (Architecture arch : ARCHES) {
                    String name = "ubuntu/images/" + u.volumeKind() + "/ubuntu-" + u.codename() + "-" + u.version()
                            + "-" + arch.debianName() + "-server-" + date;
                    String description = "Canonical, Ubuntu, " + u.version() + ", " + arch.debianName() + " "
                            + u.codename() + " image";
                    out.add(new Build(name, description, CANONICAL, null, "ubuntu", u.version(), arch, "/dev/sda1",
                            LocalDate.parse(date, COMPACT)));
                }
            }
        }
        for (Debian d : DEBIAN_RELEASES) {
            for (String build : d.builds()) {
                for (Architecture arch : ARCHES) {
                    String name = "debian-" + d.version() + "-" + arch.debianName() + "-" + build;
                    out.add(new Build(name, "Debian " + d.version() + " (" + build + ")", DEBIAN, null, "debian",
                            d.version(), arch, "/dev/xvda", LocalDate.parse(build.substring(0, 8), COMPACT)));
                }
            }
        }
        for (String version : AL2023_VERSIONS) {
            for (Architecture arch : ARCHES) {
                String name = "al2023-ami-" + version + "-kernel-6.1-" + arch.wireName();
                String description = "Amazon Linux 2023 AMI " + version + " " + arch.wireName() + " HVM kernel-6.1";
                out.add(new Build(name, description, amazonOwnerId, "amazon", "amazon-linux", "2023", arch,
                        "/dev/xvda", dateInVersion(version)));
            }
        }
        for (String version : AL2_VERSIONS) {
            for (Architecture arch : ARCHES) {
                String name = "amzn2-ami-kernel-5.10-hvm-" + version + "-" + arch.wireName() + "-gp2";
                String description = "Amazon Linux 2 Kernel 5.10 AMI " + version + " " + arch.wireName() + " HVM gp2";
                out.add(new Build(name, description, amazonOwnerId, "amazon", "amazon-linux", "2", arch,
                        "/dev/xvda", dateInVersion(version)));
            }
        }
        return out;
    }

    /** Amazon Linux versions embed the build date: {@code 2023.8.20250915.0}, {@code 2.0.20250915.0}. */
    private static LocalDate dateInVersion(String version) {
        String[] parts = version.split("\\.");
        return LocalDate.parse(parts[2], COMPACT);
    }
}

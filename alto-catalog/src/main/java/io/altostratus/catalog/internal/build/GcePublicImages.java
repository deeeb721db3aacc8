package io.altostratus.catalog.internal.build;

import io.altostratus.core.model.Architecture;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The public images the GCP catalog lists: the main families of Canonical's {@code ubuntu-os-cloud} and Debian's
 * {@code debian-cloud} projects, a few dated builds each, so that "the newest image of the family" (what
 * {@code images.getFromFamily} answers) means something. Names follow the publishers' patterns
 * ({@code ubuntu-2404-noble-amd64-v20241115}, {@code debian-12-bookworm-arm64-v20241112}); the dates are plausible
 * build dates, not a record of real builds. GCE images are global, so the same list serves every region.
 */
final class GcePublicImages {
    static final String UBUNTU_PROJECT = "ubuntu-os-cloud";
    static final String DEBIAN_PROJECT = "debian-cloud";
    /** The boot disk size of these images (GCE's {@code diskSizeGb}). */
    static final int ROOT_SIZE_GIB = 10;

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

    /**
     * One image.
     *
     * @param name        the image name
     * @param description the description in the publisher's style
     * @param project     the project that publishes it (its owner)
     * @param distro      {@code ubuntu} or {@code debian}
     * @param release     {@code 24.04}, {@code 12}, ...
     * @param arch        the architecture it boots on
     * @param family      the image family it belongs to
     * @param created     its build date
     */
    record Build(String name, String description, String project, String distro, String release, Architecture arch,
                 String family, LocalDate created) {
    }

    /*
     * A family per release and architecture. Canonical names the amd64 family of 24.04 with its architecture
     * (ubuntu-2404-lts-amd64) but the one of 22.04 without (ubuntu-2204-lts), and leaves amd64 out of 22.04's image
     * names; Debian puts "arm64" in the names and families of arm builds only.
     */
    private record Series(String project, String distro, String release, Architecture arch, String family,
                          String namePrefix, List<String> dates) {
    }

    private static final List<String> UBUNTU_DATES = List.of("20241004", "20241021", "20241115");
    private static final List<String> DEBIAN_DATES = List.of("20241009", "20241112");

    private static final List<Series> SERIES = List.of(
            new Series(UBUNTU_PROJECT, "ubuntu", "24.04", Architecture.X86_64, "ubuntu-2404-lts-amd64",
                    "ubuntu-2404-noble-amd64-v", UBUNTU_DATES),
            new Series(UBUNTU_PROJECT, "ubuntu", "24.04", Architecture.ARM64, "ubuntu-2404-lts-arm64",
                    "ubuntu-2404-noble-arm64-v", UBUNTU_DATES),
            new Series(UBUNTU_PROJECT, "ubuntu", "22.04", Architecture.X86_64, "ubuntu-2204-lts",
                    "ubuntu-2204-jammy-v", UBUNTU_DATES),
            new Series(UBUNTU_PROJECT, "ubuntu", "22.04", Architecture.ARM64, "ubuntu-2204-lts-arm64",
                    "ubuntu-2204-jammy-arm64-v", UBUNTU_DATES),
            new Series(DEBIAN_PROJECT, "debian", "12", Architecture.X86_64, "debian-12",
                    "debian-12-bookworm-v", DEBIAN_DATES),
            new Series(DEBIAN_PROJECT, "debian", "12", Architecture.ARM64, "debian-12-arm64",
                    "debian-12-bookworm-arm64-v", DEBIAN_DATES));

    private GcePublicImages() {
    }

    /** Every build, in name order. */
    static List<Build> all() {
        List<Build> out = new ArrayList<>();
        for (Series s : SERIES) {
            for (String date : s.dates()) {
                LocalDate created = LocalDate.parse(date, COMPACT);
                out.add(new Build(s.namePrefix() + date, description(s, created), s.project(), s.distro(),
                        s.release(), s.arch(), s.family(), created));
            }
        }
        out.sort(java.util.Comparator.comparing(Build::name));
        return List.copyOf(out);
    }

    private static String description(Series s, LocalDate created) {
        String arch = s.arch().debianName();
        if ("ubuntu".equals(s.distro())) {
            String codename = "24.04".equals(s.release()) ? "noble" : "jammy";
            return "Canonical, Ubuntu, " + s.release() + " LTS, " + arch + " " + codename + " image built on "
                    + created;
        }
        return "Debian, Debian GNU/Linux, " + s.release() + " (bookworm), " + arch + " built on "
                + created.format(COMPACT);
    }
}

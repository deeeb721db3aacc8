package io.altostratus.aws.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The public images a refresh asks DescribeImages for: well-known distributions under their publishers' accounts
 * and AWS's GPU (deep learning) images, by EC2 name pattern. Each pattern says which distribution and release it
 * finds, since DescribeImages reports neither.
 */
public final class ImagePatterns {
    /** Canonical's account: Ubuntu. */
    public static final String CANONICAL = "099720109477";
    /** The Debian cloud team's account. */
    public static final String DEBIAN = "136693071363";
    /** The alias EC2 accepts for AWS's own images (Amazon Linux, deep learning AMIs). */
    public static final String AMAZON = "amazon";

    /**
     * One kind of image.
     *
     * @param owner   the owner filter (an account id or {@code amazon})
     * @param pattern an EC2 name filter ({@code *} and {@code ?} wildcards)
     * @param distro  the normalised distribution the pattern finds
     * @param release the release the pattern finds
     */
    public record Kind(String owner, String pattern, String distro, String release) {
        /** Whether an image name matches the pattern, with EC2's wildcard rules. */
        public boolean matches(String name) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return name != null && name.matches(regex.toString());
        }
    }

    /** Every kind a refresh asks for. */
    public static final List<Kind> KINDS = List.of(
            new Kind(CANONICAL, "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-*-server-*", "ubuntu", "24.04"),
            new Kind(CANONICAL, "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-*-server-*", "ubuntu", "22.04"),
            new Kind(CANONICAL, "ubuntu/images/hvm-ssd/ubuntu-focal-20.04-*-server-*", "ubuntu", "20.04"),
            new Kind(DEBIAN, "debian-13-*", "debian", "13"),
            new Kind(DEBIAN, "debian-12-*", "debian", "12"),
            new Kind(DEBIAN, "debian-11-*", "debian", "11"),
            new Kind(AMAZON, "al2023-ami-2023*", "amazon-linux", "2023"),
            new Kind(AMAZON, "amzn2-ami-*", "amazon-linux", "2"),
            new Kind(AMAZON, "Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 22.04)*", "ubuntu", "22.04"),
            new Kind(AMAZON, "Deep Learning Base OSS Nvidia Driver GPU AMI (Amazon Linux 2023)*", "amazon-linux",
                    "2023"),
            new Kind(AMAZON, "Deep Learning OSS Nvidia Driver AMI GPU PyTorch*(Ubuntu 22.04)*", "ubuntu", "22.04"));

    // A build date (8 digits) and whatever build counter or minor version runs on from it.
    private static final Pattern BUILD = Pattern.compile("\\d{8}[\\d.\\-]*");

    private ImagePatterns() {
    }

    /** The owners to pass to DescribeImages. */
    public static List<String> owners() {
        return KINDS.stream().map(Kind::owner).distinct().toList();
    }

    /** The name patterns to pass to DescribeImages. */
    public static List<String> patterns() {
        return KINDS.stream().map(Kind::pattern).distinct().toList();
    }

    /** The first kind an image (owner id or alias, name) belongs to, or null. */
    public static Kind kindOf(String ownerId, String ownerAlias, String name) {
        for (Kind k : KINDS) {
            boolean owner = k.owner().equals(ownerId) || k.owner().equals(ownerAlias);
            if (owner && k.matches(name)) {
                return k;
            }
        }
        return null;
    }

    /**
     * A series of builds: the name without its build date and counter, so that daily builds of one release and
     * architecture fall together.
     */
    public static String series(String name) {
        return BUILD.matcher(name).replaceAll("#");
    }

    /**
     * The newest {@code keep} builds of each series (all when {@code keep} is 0), by creation date then name;
     * EC2 publishes a build of some images every day and a catalog needs the recent ones only.
     */
    public static <T> List<T> newestPerSeries(List<T> images, java.util.function.Function<T, String> name,
                                              Comparator<T> newestFirst, int keep) {
        if (keep <= 0) {
            return images;
        }
        Map<String, List<T>> bySeries = new LinkedHashMap<>();
        for (T image : images) {
            bySeries.computeIfAbsent(series(name.apply(image)), k -> new ArrayList<>()).add(image);
        }
        List<T> out = new ArrayList<>();
        for (List<T> series : bySeries.values()) {
            series.sort(newestFirst);
            out.addAll(series.subList(0, Math.min(keep, series.size())));
        }
        return out;
    }
}

package io.altostratus.core.spi.decorate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which faults to inject into backend calls, as {@code alto serve --faults} and {@code POST /_alto/faults} take them:
 * comma-separated entries, each {@code kind=value}.
 *
 * <pre>
 * throttle=5%                  5% of backend calls fail as THROTTLED (EC2: RequestLimitExceeded, 503)
 * error=1%                     1% fail as a server error (EC2: InternalError 500 or Unavailable 503, half each)
 * eventual=2s                  what a session makes stays hidden from lists and gets for 2 s (also 500ms, 1.5s, 1m)
 * capacity=t3.micro@us-east-1a launches of t3.micro in that zone fail as INSUFFICIENT_CAPACITY; a region name
 *                              instead of a zone covers the whole region; repeat the entry for several
 * quota=us-east-1              every launch in that region fails as QUOTA_EXCEEDED (EC2: InstanceLimitExceeded)
 * quota=t3.micro@us-east-1     launches of t3.micro there fail as QUOTA_EXCEEDED (EC2: VcpuLimitExceeded); quotas
 *                              are a region's, so the place is a region; repeat the entry for several
 * </pre>
 *
 * An empty spec, {@code none} or {@code off} injects nothing. {@link #toString()} gives the canonical spec, which
 * {@link #parse} reads back to an equal plan.
 *
 * @param throttleRate the share of calls throttled, 0 to 1
 * @param errorRate    the share of calls failed with a server error, 0 to 1 (with {@code throttleRate} at most 1)
 * @param eventual     how long a made resource stays hidden; zero for never
 * @param capacity     the shortages, in the order given, without repeats
 * @param quota        the used-up limits, in the order given, without repeats
 */
public record FaultPlan(double throttleRate, double errorRate, Duration eventual, List<CapacityShortage> capacity,
                        List<QuotaLimit> quota) {
    /** No faults at all. */
    public static final FaultPlan NONE = new FaultPlan(0, 0, Duration.ZERO, List.of(), List.of());

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]*");

    public FaultPlan {
        requireRate("throttle", throttleRate);
        requireRate("error", errorRate);
        if (throttleRate + errorRate > 1.0 + 1e-12) {
            throw new IllegalArgumentException("throttle and error together exceed 100%: "
                    + percent(throttleRate) + " + " + percent(errorRate));
        }
        Objects.requireNonNull(eventual, "eventual");
        if (eventual.isNegative()) {
            throw new IllegalArgumentException("eventual cannot be negative: " + eventual);
        }
        capacity = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(capacity, "capacity")));
        quota = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(quota, "quota")));
    }

    /** A plan without quota limits. */
    public FaultPlan(double throttleRate, double errorRate, Duration eventual, List<CapacityShortage> capacity) {
        this(throttleRate, errorRate, eventual, capacity, List.of());
    }

    /**
     * Reads a spec string.
     *
     * @throws IllegalArgumentException naming the entry at fault: an unknown kind, a malformed value, a rate out of
     *         0-100%, a kind given twice (but {@code capacity} and {@code quota}), or rates summing to more than 100%
     */
    public static FaultPlan parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String trimmed = spec.strip();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none") || trimmed.equalsIgnoreCase("off")) {
            return NONE;
        }
        Double throttle = null;
        Double error = null;
        Duration eventual = null;
        List<CapacityShortage> capacity = new ArrayList<>();
        List<QuotaLimit> quota = new ArrayList<>();
        for (String raw : trimmed.split(",", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("empty entry in faults '" + spec
                        + "': entries are kind=value separated by single commas");
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("fault '" + entry + "' has no value: write it as kind=value, e.g. "
                        + "throttle=5%");
            }
            String kind = entry.substring(0, eq).strip();
            String value = entry.substring(eq + 1).strip();
            switch (kind) {
                case "throttle" -> throttle = once(kind, throttle, rate(entry, value));
                case "error" -> error = once(kind, error, rate(entry, value));
                case "eventual" -> eventual = once(kind, eventual, duration(entry, value));
                case "capacity" -> capacity.add(shortage(entry, value));
                case "quota" -> quota.add(limit(entry, value));
                default -> throw new IllegalArgumentException("unknown fault '" + kind + "' in '" + entry
                        + "': the kinds are throttle, error, eventual, capacity and quota");
            }
        }
        return new FaultPlan(throttle == null ? 0 : throttle, error == null ? 0 : error,
                eventual == null ? Duration.ZERO : eventual, capacity, quota);
    }

    /** Whether this plan injects nothing. */
    public boolean isEmpty() {
        return throttleRate == 0 && errorRate == 0 && eventual.isZero() && capacity.isEmpty() && quota.isEmpty();
    }

    /** The canonical spec string, e.g. {@code throttle=5%,eventual=2s}; {@code none} for no faults. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (throttleRate > 0) {
            parts.add("throttle=" + percent(throttleRate));
        }
        if (errorRate > 0) {
            parts.add("error=" + percent(errorRate));
        }
        if (!eventual.isZero()) {
            parts.add("eventual=" + (eventual.toMillis() % 1000 == 0 ? eventual.toSeconds() + "s"
                    : eventual.toMillis() + "ms"));
        }
        for (CapacityShortage c : capacity) {
            parts.add("capacity=" + c);
        }
        for (QuotaLimit q : quota) {
            parts.add("quota=" + q);
        }
        return parts.isEmpty() ? "none" : String.join(",", parts);
    }

    private static <T> T once(String kind, T previous, T value) {
        if (previous != null) {
            throw new IllegalArgumentException("fault '" + kind
                    + "' is given twice; only capacity and quota may repeat");
        }
        return value;
    }

    private static double rate(String entry, String value) {
        if (!value.endsWith("%")) {
            throw new IllegalArgumentException("bad rate in '" + entry + "': write a percentage such as 5% or 0.5%");
        }
        BigDecimal percent;
        try {
            percent = new BigDecimal(value.substring(0, value.length() - 1).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad rate in '" + entry + "': '" + value + "' is not a percentage");
        }
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("bad rate in '" + entry + "': a rate is between 0% and 100%");
        }
        return percent.movePointLeft(2).doubleValue();
    }

    private static Duration duration(String entry, String value) {
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("bad duration in '" + entry + "': write it as 500ms, 2s, 1.5s or 1m");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        BigDecimal millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount.movePointRight(3);
            default -> amount.multiply(BigDecimal.valueOf(60_000));
        };
        if (millis.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("bad duration in '" + entry + "': finer than a millisecond");
        }
        return Duration.ofMillis(millis.longValueExact());
    }

    private static CapacityShortage shortage(String entry, String value) {
        int at = value.indexOf('@');
        if (at < 0 || at != value.lastIndexOf('@')) {
            throw new IllegalArgumentException("bad capacity in '" + entry
                    + "': write it as TYPE@ZONE or TYPE@REGION, e.g. capacity=t3.micro@us-east-1a");
        }
        String type = value.substring(0, at).strip();
        String place = value.substring(at + 1).strip();
        if (!NAME.matcher(type).matches()) {
            throw new IllegalArgumentException("bad capacity in '" + entry + "': '" + type
                    + "' is not an instance type name");
        }
        if (!NAME.matcher(place).matches()) {
            throw new IllegalArgumentException("bad capacity in '" + entry + "': '" + place
                    + "' is not a zone or region name");
        }
        return new CapacityShortage(type, place);
    }

    private static QuotaLimit limit(String entry, String value) {
        int at = value.indexOf('@');
        if (at != value.lastIndexOf('@')) {
            throw new IllegalArgumentException("bad quota in '" + entry
                    + "': write it as REGION or TYPE@REGION, e.g. quota=t3.micro@us-east-1");
        }
        String type = at < 0 ? null : value.substring(0, at).strip();
        String region = value.substring(at + 1).strip();
        if (type != null && !NAME.matcher(type).matches()) {
            throw new IllegalArgumentException("bad quota in '" + entry + "': '" + type
                    + "' is not an instance type name");
        }
        if (!NAME.matcher(region).matches()) {
            throw new IllegalArgumentException("bad quota in '" + entry + "': '" + region + "' is not a region name");
        }
        return new QuotaLimit(type, region);
    }

    private static void requireRate(String kind, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(kind + " rate must be between 0 and 1, got " + rate);
        }
    }

    private static String percent(double rate) {
        return new BigDecimal(rate * 100).round(new MathContext(6)).stripTrailingZeros().toPlainString() + "%";
    }
}

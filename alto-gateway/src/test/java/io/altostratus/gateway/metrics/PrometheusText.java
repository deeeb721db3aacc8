package io.altostratus.gateway.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format (version 0.0.4), written from the format's specification for
 * tests: it refuses what Prometheus would refuse (bad metric or label names, bad escapes, unparsable values, TYPE after
 * samples, a family split in two, duplicate series) and checks what a histogram promises (cumulative buckets that
 * never decrease, a {@code +Inf} bucket equal to {@code _count}).
 */
final class PrometheusText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** One metric family: its TYPE, HELP and samples, in order. */
    record Family(String name, String type, String help, List<Sample> samples) {
    }

    private PrometheusText() {
    }

    /** The families of a scrape, by name. @throws IllegalArgumentException naming the line at fault */
    static Map<String, Family> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a line feed");
        }
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Set<String> closed = new HashSet<>();
        Set<String> series = new HashSet<>();
        String current = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + number + " '" + line + "': ";
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    String name = parts[2];
                    require(METRIC_NAME.matcher(name).matches(), where + "bad metric name");
                    String rest = parts.length == 4 ? parts[3] : "";
                    if (parts[1].equals("TYPE")) {
                        require(TYPES.contains(rest), where + "unknown type");
                        require(!types.containsKey(name), where + "a second TYPE");
                        require(!samples.containsKey(name), where + "TYPE after the family's samples");
                        types.put(name, rest);
                    } else {
                        require(!helps.containsKey(name), where + "a second HELP");
                        require(!rest.matches(".*\\\\[^\\\\n].*"), where + "bad escape in HELP");
                        helps.put(name, rest);
                    }
                    if (!name.equals(current)) {
                        require(!closed.contains(name), where + "family " + name + " appears twice");
                        if (current != null) {
                            closed.add(current);
                        }
                        current = name;
                    }
                }
                continue;
            }
            Sample sample = sample(line, where);
            String family = familyOf(sample.name(), types);
            if (!family.equals(current)) {
                require(!closed.contains(family), where + "family " + family + " appears twice");
                if (current != null) {
                    closed.add(current);
                }
                current = family;
            }
            require(series.add(sample.name() + new TreeMap<>(sample.labels())), where + "a duplicate series");
            samples.computeIfAbsent(family, k -> new ArrayList<>()).add(sample);
        }
        Map<String, Family> families = new LinkedHashMap<>();
        for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
            String type = types.getOrDefault(e.getKey(), "untyped");
            Family family = new Family(e.getKey(), type, helps.get(e.getKey()), List.copyOf(e.getValue()));
            check(family);
            families.put(e.getKey(), family);
        }
        return families;
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        require(METRIC_NAME.matcher(name).matches(), where + "bad metric name");
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                require(eq > i, where + "a label without a value");
                String label = line.substring(i, eq);
                require(LABEL_NAME.matcher(label).matches() && !label.startsWith("__"), where + "bad label name '"
                        + label + "'");
                require(line.charAt(eq + 1) == '"', where + "an unquoted label value");
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        require(next == '\\' || next == '"' || next == 'n', where + "bad escape \\" + next);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                require(labels.put(label, value.toString()) == null, where + "label " + label + " twice");
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                } else {
                    require(line.charAt(i) == '}', where + "labels not separated by commas");
                }
            }
            i++;
        }
        require(i < line.length() && line.charAt(i) == ' ', where + "no space before the value");
        String[] rest = line.substring(i + 1).split(" ");
        require(rest.length == 1 || rest.length == 2, where + "more than a value and a timestamp");
        if (rest.length == 2) {
            require(rest[1].matches("-?\\d+"), where + "a timestamp is milliseconds as an integer");
        }
        return new Sample(name, Map.copyOf(labels), value(rest[0], where));
    }

    private static double value(String text, String where) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                require(text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?"),
                        where + "bad value '" + text + "'");
                yield Double.parseDouble(text);
            }
        };
    }

    /** The family a sample belongs to: a histogram's or summary's suffixed series join their family. */
    private static String familyOf(String name, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
                    return base;
                }
            }
        }
        return name;
    }

    private static void check(Family family) {
        switch (family.type()) {
            case "counter" -> family.samples().forEach(s -> require(s.value() >= 0 && s.name().equals(family.name()),
                    family.name() + ": a counter sample is negative or misnamed: " + s));
            case "histogram" -> checkHistogram(family);
            default -> family.samples().forEach(s -> require(s.name().equals(family.name()),
                    family.name() + ": a sample of another name: " + s));
        }
    }

    private static void checkHistogram(Family family) {
        Map<Map<String, String>, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample s : family.samples()) {
            Map<String, String> rest = new TreeMap<>(s.labels());
            if (s.name().equals(family.name() + "_bucket")) {
                String le = rest.remove("le");
                require(le != null, family.name() + ": a bucket without le: " + s);
                require(buckets.computeIfAbsent(rest, k -> new TreeMap<>()).put(value(le, family.name() + ": "),
                        s.value()) == null, family.name() + ": a bucket twice: " + s);
            } else if (s.name().equals(family.name() + "_count")) {
                counts.put(rest, s.value());
            } else {
                require(s.name().equals(family.name() + "_sum"), family.name() + ": not a histogram series: " + s);
            }
        }
        require(!buckets.isEmpty(), family.name() + ": a histogram without buckets");
        buckets.forEach((labels, byLe) -> {
            double previous = 0;
            for (Map.Entry<Double, Double> bucket : byLe.entrySet()) {
                require(bucket.getValue() >= previous, family.name() + labels + ": bucket le=" + bucket.getKey()
                        + " holds fewer than the one below");
                previous = bucket.getValue();
            }
            require(byLe.containsKey(Double.POSITIVE_INFINITY), family.name() + labels + ": no +Inf bucket");
            require(byLe.get(Double.POSITIVE_INFINITY).equals(counts.get(labels)),
                    family.name() + labels + ": the +Inf bucket is not _count");
        });
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

package io.altostratus.catalog.prices;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EC2 instance family as its name spells it (AWS's naming: a class, a generation digit, then attribute letters and
 * options, e.g. {@code m} {@code 7} {@code i-flex}), so the gap rule can find a family's earlier generations. A family
 * whose name has no generation ({@code mac-m4}) has none to find.
 *
 * @param name       the family, e.g. {@code m7i-flex}
 * @param kind       the class letters, e.g. {@code m}, {@code inf}, {@code mac}
 * @param generation the generation, or 0 when the name carries none
 * @param attributes what follows the generation, e.g. {@code i-flex}, {@code gd}, {@code -b200}
 */
public record AwsFamily(String name, String kind, int generation, String attributes) {
    private static final Pattern SHAPE = Pattern.compile("([a-z]+)(\\d+)([a-z0-9-]*)");

    /** The family of a type name ({@code m5.xlarge} is in {@code m5}). */
    public static AwsFamily ofType(String typeName) {
        int dot = typeName.indexOf('.');
        return of(dot < 0 ? typeName : typeName.substring(0, dot));
    }

    public static AwsFamily of(String family) {
        Matcher m = SHAPE.matcher(family);
        if (!m.matches()) {
            return new AwsFamily(family, family, 0, "");
        }
        return new AwsFamily(family, m.group(1), Integer.parseInt(m.group(2)), m.group(3));
    }

    /** The size part of a type name ({@code xlarge} of {@code m5.xlarge}). */
    public static String size(String typeName) {
        int dot = typeName.indexOf('.');
        return dot < 0 ? "" : typeName.substring(dot + 1);
    }

    /**
     * The families of the same generation this one is a variant of, nearest first: without its option
     * ({@code c7i-flex} of {@code c7i}), then without its trailing attribute letters one by one ({@code m8ine} of
     * {@code m8in}, then {@code m8i}; {@code r7iz} of {@code r7i}; {@code g6e} of {@code g6}). The processor letter
     * right after the generation is kept: {@code m8g} is no variant of {@code m8}.
     */
    public List<String> variantOf() {
        List<String> out = new ArrayList<>();
        if (generation == 0) {
            return out;
        }
        String attrs = attributes;
        int dash = attrs.indexOf('-');
        if (dash >= 0) {
            attrs = attrs.substring(0, dash);
            out.add(kind + generation + attrs);
        }
        while (attrs.length() > 1) {
            attrs = attrs.substring(0, attrs.length() - 1);
            out.add(kind + generation + attrs);
        }
        if (attrs.length() == 1 && !PROCESSOR_LETTERS.contains(attrs)) {
            out.add(kind + generation);
        }
        return out;
    }

    /** What a variant adds to {@code base} ({@code n} for {@code m5n} over {@code m5}, {@code -flex}). */
    public String suffixOver(String base) {
        return name.startsWith(base) ? name.substring(base.length()) : name;
    }

    // AMD, Graviton and Intel: a different processor, not a variant of the family without the letter.
    private static final java.util.Set<String> PROCESSOR_LETTERS = java.util.Set.of("a", "g", "i");

    /**
     * The family names of the earlier generations of the same class and attributes, nearest first. Intel families
     * carried no processor letter before the sixth generation ({@code m6i} follows {@code m5}, {@code r6id} follows
     * {@code r5d}), so for attributes starting with {@code i} the name without it is also tried, after the one with it.
     */
    public List<String> predecessors() {
        List<String> out = new ArrayList<>();
        for (int g = generation - 1; g >= 1; g--) {
            out.add(kind + g + attributes);
            if (attributes.startsWith("i")) {
                out.add(kind + g + attributes.substring(1));
            }
        }
        return out;
    }
}

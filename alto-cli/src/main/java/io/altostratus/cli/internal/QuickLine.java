package io.altostratus.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command line read without picocli, for the few commands that {@code bin/alto} answers without building picocli's
 * model (see {@code io.altostratus.cli.QuickCommands}). It reads only the plain forms: {@code --name value},
 * {@code --name=value}, flags, and words. Anything else (help, an unknown option, {@code --}, clustered short options,
 * an empty or dash-led value, a single-valued option given twice) is declined, so that picocli reads that line and
 * says what it says about it: this reader never has to reproduce picocli's errors.
 *
 * @param verb the first word that is not an option or an option's value
 * @param options each option's values in the order given, under the name it was given by
 * @param words the words after the verb
 */
public record QuickLine(String verb, Map<String, List<String>> options, List<String> words) {

    /**
     * The options one reader knows: those taking a value, those that may be repeated, and flags. Names include
     * every alias ({@code -o} and {@code --output} both).
     */
    public record Grammar(Set<String> valued, Set<String> repeatable, Set<String> flags) {
    }

    /** Reads {@code args} with {@code grammar}; empty when the line is not one this reader is sure about. */
    public static Optional<QuickLine> read(String[] args, Grammar grammar) {
        String verb = null;
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                if (verb == null) {
                    verb = arg;
                } else {
                    words.add(arg);
                }
                continue;
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 2) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (grammar.flags().contains(name) && value == null) {
                if (options.containsKey(name)) {
                    return Optional.empty();
                }
                options.put(name, List.of());
                continue;
            }
            if (!grammar.valued().contains(name)) {
                return Optional.empty();
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    return Optional.empty();
                }
                value = args[++i];
            }
            if (value.isEmpty() || value.startsWith("-")) {
                return Optional.empty();
            }
            List<String> values = options.computeIfAbsent(name, k -> new ArrayList<>());
            if (!values.isEmpty() && !grammar.repeatable().contains(name)) {
                return Optional.empty();
            }
            values.add(value);
        }
        return verb == null ? Optional.empty() : Optional.of(new QuickLine(verb, options, words));
    }

    /** The one value of a single-valued option, or null. */
    public String value(String... names) {
        for (String name : names) {
            List<String> values = options.get(name);
            if (values != null && !values.isEmpty()) {
                return values.get(0);
            }
        }
        return null;
    }

    /** Every value of an option, in order. */
    public List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }
}

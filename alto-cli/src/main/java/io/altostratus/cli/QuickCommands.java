package io.altostratus.cli;

import io.altostratus.cli.command.LsCommand;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.CliEnvironment;
import io.altostratus.cli.internal.ErrorReporter;
import io.altostratus.cli.internal.QuickLine;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.TagFilter;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code alto ls} without picocli. Building picocli's model of the command line reads every option annotation by
 * reflection and spins a proxy class per annotation type: most of a listing's start-up, for the command people run
 * most often. So the plain forms of {@code alto [global options] ls|list [ls options] [ID...]} are read here and run
 * through the very same {@link Main} settings, {@link LsCommand} and {@link ErrorReporter}; every other line, and any
 * line this reader is unsure of (help, unknown or repeated options, odd forms, a value that does not convert), goes
 * to picocli, which then gives its usual answer or error. {@code QuickCommandsTest} runs both ways on the same lines
 * and compares what they print.
 */
public final class QuickCommands {
    private static final Set<String> GLOBAL_VALUED = Set.of("--provider", "--region", "--endpoint", "--state-dir",
            "--profile", "-o", "--output", "--config");
    private static final QuickLine.Grammar LS = new QuickLine.Grammar(
            union(GLOBAL_VALUED, Set.of("--state", "--tag", "--name", "--zone")),
            Set.of("--state", "--tag", "--name"),
            Set.of("--debug"));

    private QuickCommands() {
    }

    /**
     * Runs {@code args} when they are a line this class answers, writing to {@code out} and {@code err}; returns the
     * exit code, or empty when picocli must read the line.
     */
    public static OptionalInt run(CliEnvironment environment, String[] args, PrintWriter out, PrintWriter err) {
        QuickLine line = QuickLine.read(args, LS).orElse(null);
        if (line == null || !(line.verb().equals("ls") || line.verb().equals("list"))
                || (line.flag("-o") && line.flag("--output"))) {
            return OptionalInt.empty();
        }
        Main main = new Main(environment);
        LsCommand ls;
        try {
            main.provider = line.value("--provider");
            main.region = line.value("--region");
            main.endpoint = line.value("--endpoint");
            main.stateDir = path(line.value("--state-dir"));
            main.profile = line.value("--profile");
            main.output = line.value("-o", "--output");
            main.configFile = path(line.value("--config"));
            main.debug = line.flag("--debug");
            ls = LsCommand.of(line.words(), states(line.values("--state")), tags(line.values("--tag")),
                    line.values("--name"), line.value("--zone"));
        } catch (RuntimeException conversion) {
            // picocli's converters refused a value: picocli says so in its own words.
            return OptionalInt.empty();
        }
        ls.bind(main, out, err);
        try {
            return OptionalInt.of(ls.call());
        } catch (Exception e) {
            return OptionalInt.of(new ErrorReporter(main).report(e, err));
        }
    }

    private static Path path(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<InstanceState> states(List<String> values) {
        Args.StateConverter converter = new Args.StateConverter();
        List<InstanceState> states = new ArrayList<>();
        for (String value : values) {
            for (String one : value.split(",", -1)) {
                states.add(converter.convert(one));
            }
        }
        return states;
    }

    private static List<TagFilter> tags(List<String> values) {
        Args.TagFilterConverter converter = new Args.TagFilterConverter();
        return values.stream().map(converter::convert).toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}

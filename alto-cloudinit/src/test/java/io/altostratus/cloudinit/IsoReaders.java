package io.altostratus.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads ISO images back with genisoimage's isoinfo and isovfy and with xorriso: programs that share no code with ours. */
final class IsoReaders {
    private static final Pattern LISTING = Pattern.compile("^([-dr][-rwxsStT]{9})\\s+\\d+\\s+\\d+\\s+\\d+\\s+(\\d+) .*\\]\\s+(.*?)\\s*$");

    private IsoReaders() {
    }

    /** A listing entry: name, mode string, size. */
    record Listed(String name, String mode, long size) {
    }

    /** {@code isoinfo -d}: the descriptor summary. */
    static String describe(Path iso) {
        return Tools.run(Tools.require("isoinfo").toString(), "-d", "-i", iso.toString()).ok().out();
    }

    /**
     * {@code isoinfo [-R|-J] -l}: the root's files by name (without "." and ".."). view is "-R", "-J" or "" for the
     * plain ISO 9660 names.
     */
    static Map<String, Listed> list(Path iso, String view) {
        List<String> cmd = new ArrayList<>(List.of(Tools.require("isoinfo").toString()));
        if (!view.isEmpty()) {
            cmd.add(view);
        }
        cmd.addAll(List.of("-l", "-i", iso.toString()));
        Map<String, Listed> out = new TreeMap<>();
        for (String line : Tools.run(cmd, null).ok().out().split("\n")) {
            Matcher m = LISTING.matcher(line);
            if (m.matches() && !m.group(3).equals(".") && !m.group(3).equals("..")) {
                out.put(m.group(3), new Listed(m.group(3), m.group(1), Long.parseLong(m.group(2))));
            }
        }
        return out;
    }

    /** {@code isoinfo [-R|-J] -x PATH}: one file's bytes. */
    static byte[] extract(Path iso, String view, String path) {
        List<String> cmd = new ArrayList<>(List.of(Tools.require("isoinfo").toString()));
        if (!view.isEmpty()) {
            cmd.add(view);
        }
        cmd.addAll(List.of("-x", path, "-i", iso.toString()));
        return Tools.run(cmd, null).ok().stdout();
    }

    /** {@code isovfy}: genisoimage's structure checker; fails the test unless it finds no errors. */
    static void verify(Path iso) {
        Tools.Result r = Tools.run(Tools.require("isovfy").toString(), "-i", iso.toString()).ok();
        assertThat(r.out()).contains("No errors found");
    }

    /** xorriso's view: every file extracted with Rock Ridge names; xorriso must complain about nothing. */
    static Map<String, byte[]> xorrisoExtract(Path iso, Path into) {
        Tools.Result r = Tools.run(Tools.require("xorriso").toString(), "-abort_on", "WARNING", "-osirrox", "on",
                "-indev", iso.toString(), "-pvd_info", "-extract", "/", into.toString()).ok();
        assertThat(r.stderr()).doesNotContain("SORRY").doesNotContain("WARNING").doesNotContain("FAILURE");
        assertThat(r.out() + r.stderr()).contains("Volume Id    : cidata");
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(into)) {
            for (Path p : s.sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
            // Extracted read-only like the image: make the directory writable again so the test can clean up.
            into.toFile().setWritable(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}

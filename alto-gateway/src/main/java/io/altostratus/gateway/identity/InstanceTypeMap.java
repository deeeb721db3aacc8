package io.altostratus.gateway.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which backend size serves each EC2 instance type name, for a backend whose sizes are not EC2's (a Proxmox
 * {@code small}, a GCP {@code e2-medium}) behind the EC2 gateway, whose clients keep asking for {@code t3.micro}.
 * {@link TypeMapping} applies it to a provider.
 *
 * <p>Names the map does not mention pass through unchanged both ways, so a backend whose types are EC2's (the local
 * cloud) needs no map. Several EC2 names may map to one backend size; reading back, a size reports the EC2 name of
 * the <em>first</em> entry that maps to it ({@link #ec2Type}). First rather than last or alphabetical because the
 * order is the one the operator wrote, so the usual way to write a map, the canonical name first and its aliases
 * after, does the expected thing, and the answer is stable across restarts.
 *
 * <p>The file format is one {@code ec2type = backendsize} per line; {@code #} starts a comment; names may be quoted
 * as in TOML ({@code "t3.micro" = "small"}), which makes the file valid TOML. Each EC2 name appears once per source.
 * Sources combine with {@link #overriddenBy}: an EC2 name given again in a later source takes the later size and the
 * later position.
 */
public final class InstanceTypeMap {
    /** The provider code of every refusal of a map: its text, or a size the backend does not have. */
    public static final String INVALID_MAP = "InvalidInstanceTypeMap";

    /** Names of instance types and sizes as providers spell them: EC2's, GCP's, Azure's Standard_B1s, custom ones. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/+-]{0,127}");
    private static final InstanceTypeMap EMPTY = new InstanceTypeMap(Map.of());

    /**
     * One mapping.
     *
     * @param ec2Type     the name EC2 clients use, e.g. {@code t3.micro}
     * @param backendSize the backend's size that serves it, e.g. {@code small}
     * @param origin      where it was written (file and line, flag, config table), for error messages
     */
    public record Entry(String ec2Type, String backendSize, String origin) {
        public Entry {
            Objects.requireNonNull(ec2Type, "ec2Type");
            Objects.requireNonNull(backendSize, "backendSize");
            Objects.requireNonNull(origin, "origin");
        }

        @Override
        public String toString() {
            return ec2Type + " = " + backendSize + " (" + origin + ")";
        }
    }

    private final Map<String, Entry> byEc2Type;
    /** For each backend size, the EC2 names that map to it in map order; the first is what reads report. */
    private final Map<String, List<String>> ec2TypesBySize;

    private InstanceTypeMap(Map<String, Entry> byEc2Type) {
        this.byEc2Type = Collections.unmodifiableMap(new LinkedHashMap<>(byEc2Type));
        Map<String, List<String>> bySize = new LinkedHashMap<>();
        for (Entry entry : this.byEc2Type.values()) {
            bySize.computeIfAbsent(entry.backendSize(), size -> new ArrayList<>()).add(entry.ec2Type());
        }
        bySize.replaceAll((size, names) -> List.copyOf(names));
        this.ec2TypesBySize = Collections.unmodifiableMap(bySize);
    }

    /** The map that maps nothing: every name passes through. */
    public static InstanceTypeMap empty() {
        return EMPTY;
    }

    /**
     * A map from EC2 names to backend sizes, in the given map's iteration order (use a {@link LinkedHashMap} when
     * several EC2 names share a size, since the order decides which one reads report).
     *
     * @throws AltoException {@code INVALID_PARAMETER} for a name that is not an instance type name
     */
    public static InstanceTypeMap of(Map<String, String> ec2TypeToBackendSize) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        ec2TypeToBackendSize.forEach((ec2, size) -> {
            String origin = ec2 + "=" + size;
            entries.put(checkName(ec2, origin, "EC2 type"), new Entry(ec2, checkName(size, origin, "backend size"),
                    "given"));
        });
        return new InstanceTypeMap(entries);
    }

    /**
     * Reads a map file.
     *
     * @throws AltoException {@code INVALID_PARAMETER} when the file cannot be read or a line is malformed; the message
     *         is one line naming the file and the line
     */
    public static InstanceTypeMap read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw invalid("type map " + file + ": no such file");
        } catch (MalformedInputException e) {
            throw invalid("type map " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw invalid("type map " + file + ": cannot read it ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        return parse(text, file.toString());
    }

    /**
     * Parses the text of a map file; {@code source} names it in error messages and entries' origins.
     *
     * @throws AltoException {@code INVALID_PARAMETER} naming {@code source} and the line
     */
    public static InstanceTypeMap parse(String text, String source) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String where = source + " line " + (i + 1);
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                throw invalid("type map " + where + ": a table header has no place in a type map, which holds only "
                        + "'ec2type = backendsize' lines: " + shown(line));
            }
            Entry entry = new LineReader(line, where).entry(true);
            Entry earlier = entries.get(entry.ec2Type());
            if (earlier != null) {
                throw invalid("type map " + where + ": " + entry.ec2Type() + " is already mapped ("
                        + earlier.origin() + "); give each EC2 type once");
            }
            entries.put(entry.ec2Type(), entry);
        }
        return new InstanceTypeMap(entries);
    }

    /**
     * One {@code ec2type=backendsize} assignment, as a command-line flag gives it.
     *
     * @param origin names the flag in error messages, e.g. {@code --map-type}
     * @throws AltoException {@code INVALID_PARAMETER} for anything else
     */
    public static Entry parseEntry(String assignment, String origin) {
        String where = origin + " " + assignment;
        return new LineReader(assignment.strip(), where).entry(false);
    }

    /** A map of the given entries, in order; an EC2 name given twice keeps the later entry at the later place. */
    public static InstanceTypeMap ofEntries(Collection<Entry> entries) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (Entry entry : entries) {
            checkName(entry.ec2Type(), entry.origin(), "EC2 type");
            checkName(entry.backendSize(), entry.origin(), "backend size");
            byName.remove(entry.ec2Type());
            byName.put(entry.ec2Type(), entry);
        }
        return new InstanceTypeMap(byName);
    }

    /**
     * A map from a configuration table as {@link io.altostratus.core.config.AltoConfig#section} returns it. A bare
     * {@code t3.micro = "small"} in TOML is a dotted key (table {@code t3}, key {@code micro}), which the config
     * flattens to {@code t3} with a JSON object as its value; such values are unfolded back into {@code t3.micro}, so
     * the quoted and the bare spelling both work.
     *
     * @param origin names the table in error messages, e.g. {@code alto.toml [type_map]}
     * @throws AltoException {@code INVALID_PARAMETER} for a value that is not a size name
     */
    public static InstanceTypeMap fromConfig(Map<String, String> section, String origin) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, String> setting : section.entrySet()) {
            String key = setting.getKey();
            String value = setting.getValue() == null ? "" : setting.getValue().strip();
            if (value.startsWith("{")) {
                for (Map.Entry<String, String> nested : unfold(key, value, origin).entrySet()) {
                    put(entries, nested.getKey(), nested.getValue(), origin);
                }
            } else {
                put(entries, key, value, origin);
            }
        }
        return new InstanceTypeMap(entries);
    }

    private static void put(Map<String, Entry> entries, String ec2, String size, String origin) {
        String where = origin + " " + ec2 + " = " + size;
        entries.put(checkName(ec2, where, "EC2 type"),
                new Entry(ec2, checkName(size, where, "backend size"), origin));
    }

    private static Map<String, String> unfold(String prefix, String json, String origin) {
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw invalid(origin + ": " + prefix + " is not a size name: " + shown(json));
        }
        Map<String, String> out = new LinkedHashMap<>();
        unfold(prefix, node, origin, out);
        return out;
    }

    private static void unfold(String prefix, JsonNode node, String origin, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                unfold(prefix + "." + field.getKey(), field.getValue(), origin, out);
            }
        } else if (node.isTextual()) {
            out.put(prefix, node.asText());
        } else {
            throw invalid(origin + ": " + prefix + " must name a backend size as a string, not " + node);
        }
    }

    /** This map with {@code later}'s entries added; an EC2 name in both takes {@code later}'s size and position. */
    public InstanceTypeMap overriddenBy(InstanceTypeMap later) {
        if (later.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return later;
        }
        Map<String, Entry> merged = new LinkedHashMap<>(byEc2Type);
        for (Entry entry : later.byEc2Type.values()) {
            merged.remove(entry.ec2Type());
            merged.put(entry.ec2Type(), entry);
        }
        return new InstanceTypeMap(merged);
    }

    public boolean isEmpty() {
        return byEc2Type.isEmpty();
    }

    public int size() {
        return byEc2Type.size();
    }

    /** The entries in map order. */
    public List<Entry> entries() {
        return List.copyOf(byEc2Type.values());
    }

    /** The backend size an EC2 name launches; an unmapped name (or null) passes through. */
    public String backendSize(String ec2Type) {
        Entry entry = ec2Type == null ? null : byEc2Type.get(ec2Type);
        return entry == null ? ec2Type : entry.backendSize();
    }

    /**
     * The EC2 name an instance of this backend size reports: the first entry that maps to it, or the size itself when
     * no entry does (or null for null).
     */
    public String ec2Type(String backendSize) {
        List<String> names = backendSize == null ? null : ec2TypesBySize.get(backendSize);
        return names == null ? backendSize : names.get(0);
    }

    /**
     * The names under which a backend size is listed to EC2 clients: every EC2 name that maps to it, in map order;
     * none when the size is not a target but its own name is a mapped EC2 name (launching that name gets another
     * size, so listing it would advertise what cannot be had); else the size's own name.
     */
    public List<String> listedNames(String backendSize) {
        List<String> names = ec2TypesBySize.get(backendSize);
        if (names != null) {
            return names;
        }
        return byEc2Type.containsKey(backendSize) ? List.of() : List.of(backendSize);
    }

    /**
     * Refuses a map that names sizes the backend does not have, naming every such entry and where it was written.
     *
     * @param provider     the backend's name, for the message
     * @param backendSizes every size the backend offers
     * @throws AltoException {@code INVALID_PARAMETER}
     */
    public void requireSizesIn(String provider, Collection<String> backendSizes) {
        Set<String> offered = new HashSet<>(backendSizes);
        List<String> missing = new ArrayList<>();
        for (Entry entry : byEc2Type.values()) {
            if (!offered.contains(entry.backendSize())) {
                missing.add("'" + entry.backendSize() + "' (" + entry.ec2Type() + " = " + entry.backendSize()
                        + ", from " + entry.origin() + ")");
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        TreeSet<String> sorted = new TreeSet<>(backendSizes);
        List<String> some = sorted.stream().limit(8).toList();
        throw invalid("type map: backend '" + provider + "' has no size " + String.join(", no size ", missing)
                + "; it has " + sorted.size() + " sizes" + (some.isEmpty() ? "" : ", e.g. " + String.join(", ", some)
                + (sorted.size() > some.size() ? ", ..." : "")));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceTypeMap other && byEc2Type.equals(other.byEc2Type);
    }

    @Override
    public int hashCode() {
        return byEc2Type.hashCode();
    }

    @Override
    public String toString() {
        return "InstanceTypeMap" + byEc2Type.values();
    }

    private static String checkName(String name, String where, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw invalid("type map " + where + ": " + shown(String.valueOf(name)) + " is not a valid " + what
                    + " name (letters, digits and . _ - : / +)");
        }
        return name;
    }

    private static String shown(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return "'" + (oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine) + "'";
    }

    private static AltoException invalid(String message) {
        return new AltoException(ErrorCode.INVALID_PARAMETER, INVALID_MAP, message);
    }

    /** Reads {@code name = name [# comment]} where each name is bare or quoted as a TOML basic or literal string. */
    private static final class LineReader {
        private final String line;
        private final String where;
        private int pos;

        LineReader(String line, String where) {
            this.line = line;
            this.where = where;
        }

        Entry entry(boolean commentsAllowed) {
            String ec2 = name("EC2 type");
            skipBlanks();
            if (pos >= line.length() || line.charAt(pos) != '=') {
                throw malformed("expected 'ec2type = backendsize'");
            }
            pos++;
            skipBlanks();
            String size = name("backend size");
            skipBlanks();
            if (pos < line.length() && !(commentsAllowed && line.charAt(pos) == '#')) {
                throw malformed("unexpected text after the backend size");
            }
            return new Entry(checkName(ec2, where, "EC2 type"), checkName(size, where, "backend size"), where);
        }

        private String name(String what) {
            if (pos >= line.length()) {
                throw malformed("the " + what + " is missing");
            }
            char first = line.charAt(pos);
            if (first == '"' || first == '\'') {
                int end = line.indexOf(first, pos + 1);
                if (end < 0) {
                    throw malformed("the quoted " + what + " is not closed");
                }
                String name = line.substring(pos + 1, end);
                pos = end + 1;
                return name;
            }
            int start = pos;
            while (pos < line.length() && !Character.isWhitespace(line.charAt(pos)) && line.charAt(pos) != '='
                    && line.charAt(pos) != '#') {
                pos++;
            }
            if (start == pos) {
                throw malformed("the " + what + " is missing");
            }
            return line.substring(start, pos);
        }

        private void skipBlanks() {
            while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
        }

        private AltoException malformed(String why) {
            return invalid("type map " + where + ": " + why + ", e.g. t3.micro = small: " + shown(line));
        }
    }
}

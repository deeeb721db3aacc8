package io.altostratus.gateway.gce.internal;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MapEntry;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code filter} parameter of list calls, over any message of the API by its JSON field names. Understood:
 * comparisons {@code field = value}, {@code field != value}, {@code field : value} (has; {@code *} matches any
 * run of characters), and the older regular-expression forms {@code field eq 're'} / {@code field ne 're'}; fields
 * may be nested ({@code scheduling.provisioningModel}) or map keys ({@code labels.env}); terms are joined by
 * {@code AND} or whitespace and may be parenthesised. {@code OR} and other operators are refused with Google's
 * {@code invalid}, so a filter is never silently ignored.
 */
public final class Filter {
    private static final Pattern TERM = Pattern.compile(
            "\\(?\\s*([A-Za-z][A-Za-z0-9_.]*)\\s*(!=|=|:|\\beq\\b|\\bne\\b)\\s*"
                    + "(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|[^\\s()]+)\\s*\\)?");

    private record Term(String field, String op, String value) {
    }

    private final List<Term> terms;

    private Filter(List<Term> terms) {
        this.terms = terms;
    }

    public static Filter parse(String expression) {
        List<Term> terms = new ArrayList<>();
        if (expression == null || expression.isBlank()) {
            return new Filter(terms);
        }
        String rest = expression.trim();
        while (!rest.isEmpty()) {
            Matcher m = TERM.matcher(rest);
            if (!m.lookingAt()) {
                throw GceException.invalid("Invalid value for field 'filter': '" + expression
                        + "'. Invalid list filter expression.");
            }
            String value = m.group(3);
            boolean regex = m.group(2).equals("eq") || m.group(2).equals("ne");
            if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
                value = value.substring(1, value.length() - 1);
                // In a regular expression the backslashes are the expression's own:
                // gcloud sends ".*\bus\-central1\b.*".
                if (!regex) {
                    value = value.replaceAll("\\\\(.)", "$1");
                }
            }
            terms.add(new Term(m.group(1), m.group(2), value));
            rest = rest.substring(m.end()).trim();
            if (rest.regionMatches(true, 0, "AND ", 0, 4)) {
                rest = rest.substring(4).trim();
            } else if (rest.regionMatches(true, 0, "OR ", 0, 3)) {
                throw GceException.invalid("Invalid value for field 'filter': '" + expression
                        + "'. OR is not supported by this endpoint.");
            }
        }
        return new Filter(terms);
    }

    public boolean matches(Message message) {
        for (Term term : terms) {
            List<String> values = values(message, term.field().split("\\."), 0);
            boolean any = switch (term.op()) {
                case "=" -> values.stream().anyMatch(v -> v.equals(term.value()));
                case "!=" -> values.stream().noneMatch(v -> v.equals(term.value()));
                case ":" -> term.value().equals("*") ? !values.isEmpty()
                        : values.stream().anyMatch(v -> glob(term.value(), v));
                case "eq" -> values.stream().anyMatch(v -> regex(term.value(), v));
                default -> values.stream().noneMatch(v -> regex(term.value(), v));
            };
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static boolean glob(String pattern, String value) {
        return value.matches(("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q"));
    }

    private static boolean regex(String pattern, String value) {
        try {
            return value.matches(pattern);
        } catch (PatternSyntaxException e) {
            throw GceException.invalid("Invalid value for field 'filter': invalid regular expression '" + pattern
                    + "'");
        }
    }

    /** The scalar values at a JSON path: several for repeated fields, none when unset. */
    private static List<String> values(Message message, String[] path, int at) {
        FieldDescriptor field = message.getDescriptorForType().getFields().stream()
                .filter(f -> f.getJsonName().equals(path[at]) || f.getName().equals(path[at])).findFirst()
                .orElse(null);
        List<String> out = new ArrayList<>();
        if (field == null) {
            return out;
        }
        if (field.isMapField()) {
            if (at + 1 >= path.length) {
                return out;
            }
            for (Object entry : (List<?>) message.getField(field)) {
                MapEntry<?, ?> e = (MapEntry<?, ?>) entry;
                if (String.valueOf(e.getKey()).equals(path[at + 1])) {
                    out.add(String.valueOf(e.getValue()));
                }
            }
            return out;
        }
        List<Object> items = new ArrayList<>();
        if (field.isRepeated()) {
            items.addAll((List<?>) message.getField(field));
        } else if (message.hasField(field)) {
            items.add(message.getField(field));
        }
        for (Object item : items) {
            if (item instanceof Message nested) {
                if (at + 1 < path.length) {
                    out.addAll(values(nested, path, at + 1));
                }
            } else if (at + 1 == path.length) {
                out.add(field.getType() == FieldDescriptor.Type.UINT64
                        ? Long.toUnsignedString((Long) item) : String.valueOf(item));
            }
        }
        return out;
    }
}

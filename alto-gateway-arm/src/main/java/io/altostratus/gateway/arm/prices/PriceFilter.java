package io.altostratus.gateway.arm.prices;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The OData {@code $filter} subset the Retail Prices API's clients send: {@code field eq 'value'} and {@code ne},
 * {@code contains(field,'text')}, {@code startswith} and {@code endswith} (alone or compared with {@code true} or
 * {@code false}), {@code isPrimaryMeterRegion eq true}, joined by {@code and} and {@code or}, grouped by parentheses.
 * Field names are the items' ({@code priceType} names {@code type}). Values compare exactly from api-version
 * 2023-01-01-preview on and ignoring case before it, as Microsoft documents.
 */
final class PriceFilter {
    /** A filter this subset cannot read; the endpoint answers it with 400. */
    static final class InvalidFilter extends RuntimeException {
        InvalidFilter(String message) {
            super(message);
        }
    }

    private final List<String> tokens;
    private final boolean caseSensitive;
    private int at;

    private PriceFilter(List<String> tokens, boolean caseSensitive) {
        this.tokens = tokens;
        this.caseSensitive = caseSensitive;
    }

    /**
     * @param filter        the {@code $filter} value, already URL-decoded; blank matches everything
     * @param caseSensitive whether values compare exactly (api-version 2023-01-01-preview and later)
     * @throws InvalidFilter for anything outside the subset
     */
    static Predicate<RetailPriceItem> parse(String filter, boolean caseSensitive) {
        if (filter == null || filter.isBlank()) {
            return item -> true;
        }
        PriceFilter parser = new PriceFilter(tokenize(filter), caseSensitive);
        Predicate<RetailPriceItem> out = parser.or();
        if (parser.at != parser.tokens.size()) {
            throw new InvalidFilter("unexpected '" + parser.tokens.get(parser.at) + "'");
        }
        return out;
    }

    private Predicate<RetailPriceItem> or() {
        Predicate<RetailPriceItem> left = and();
        while (peekWord("or")) {
            at++;
            left = left.or(and());
        }
        return left;
    }

    private Predicate<RetailPriceItem> and() {
        Predicate<RetailPriceItem> left = term();
        while (peekWord("and")) {
            at++;
            left = left.and(term());
        }
        return left;
    }

    private Predicate<RetailPriceItem> term() {
        String token = next();
        if (token.equals("(")) {
            Predicate<RetailPriceItem> inner = or();
            expect(")");
            return inner;
        }
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.equals("contains") || lower.equals("startswith") || lower.equals("endswith")) {
            expect("(");
            String field = field(next());
            expect(",");
            String text = string(next());
            expect(")");
            Predicate<RetailPriceItem> call = item -> {
                Object value = item.field(field);
                if (!(value instanceof String s)) {
                    return false;
                }
                String a = caseSensitive ? s : s.toLowerCase(Locale.ROOT);
                String b = caseSensitive ? text : text.toLowerCase(Locale.ROOT);
                return switch (lower) {
                    case "contains" -> a.contains(b);
                    case "startswith" -> a.startsWith(b);
                    default -> a.endsWith(b);
                };
            };
            if (peekWord("eq") || peekWord("ne")) {
                boolean eq = next().equalsIgnoreCase("eq");
                boolean wanted = bool(next());
                return eq == wanted ? call : call.negate();
            }
            return call;
        }
        String field = field(token);
        String op = next().toLowerCase(Locale.ROOT);
        if (!op.equals("eq") && !op.equals("ne")) {
            throw new InvalidFilter("unsupported operator '" + op + "'");
        }
        String literal = next();
        Predicate<RetailPriceItem> equal;
        if (field.equals("isPrimaryMeterRegion")) {
            boolean wanted = bool(literal);
            equal = item -> item.isPrimaryMeterRegion() == wanted;
        } else if (field.equals("retailPrice") || field.equals("unitPrice") || field.equals("tierMinimumUnits")) {
            double wanted = number(literal);
            equal = item -> ((Double) item.field(field)) == wanted;
        } else {
            String wanted = string(literal);
            equal = item -> {
                String value = (String) item.field(field);
                return caseSensitive ? value.equals(wanted) : value.equalsIgnoreCase(wanted);
            };
        }
        return op.equals("eq") ? equal : equal.negate();
    }

    private static String field(String token) {
        if (!RetailPriceItem.isField(token)) {
            throw new InvalidFilter("unknown field '" + token + "'");
        }
        return token;
    }

    private static String string(String token) {
        if (token.length() < 2 || token.charAt(0) != '\'') {
            throw new InvalidFilter("a quoted string was expected, not '" + token + "'");
        }
        return token.substring(1, token.length() - 1).replace("''", "'");
    }

    private static boolean bool(String token) {
        return switch (token) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidFilter("true or false was expected, not '" + token + "'");
        };
    }

    private static double number(String token) {
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw new InvalidFilter("a number was expected, not '" + token + "'");
        }
    }

    private boolean peekWord(String word) {
        return at < tokens.size() && tokens.get(at).equalsIgnoreCase(word);
    }

    private String next() {
        if (at >= tokens.size()) {
            throw new InvalidFilter("the filter ends too soon");
        }
        return tokens.get(at++);
    }

    private void expect(String token) {
        String got = next();
        if (!got.equals(token)) {
            throw new InvalidFilter("'" + token + "' was expected, not '" + got + "'");
        }
    }

    /** Words, quoted strings (with {@code ''} for a quote), parentheses and commas. */
    private static List<String> tokenize(String filter) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = filter.length();
        while (i < n) {
            char c = filter.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        throw new InvalidFilter("a string is not closed");
                    }
                    if (filter.charAt(j) == '\'') {
                        if (j + 1 < n && filter.charAt(j + 1) == '\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.add(filter.substring(i, j + 1));
                i = j + 1;
            } else {
                int j = i;
                while (j < n && !Character.isWhitespace(filter.charAt(j)) && "(),'".indexOf(filter.charAt(j)) < 0) {
                    j++;
                }
                out.add(filter.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}

package io.altostratus.core.query;

/**
 * EC2-style wildcard matching: {@code *} matches any run of characters, {@code ?} exactly one, and a backslash
 * escapes either. Matching is case-sensitive, as EC2's filters are.
 */
public final class Glob {
    private Glob() {
    }

    public static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    public static boolean matches(String pattern, String text) {
        if (text == null) {
            return false;
        }
        if (!hasWildcard(pattern) && pattern.indexOf('\\') < 0) {
            return pattern.equals(text);
        }
        return match(pattern, 0, text, 0);
    }

    // Iterative greedy matcher with single-star backtracking: linear in practice, never exponential.
    private static boolean match(String p, int pi, String t, int ti) {
        int starP = -1;
        int starT = -1;
        while (ti < t.length()) {
            if (pi < p.length()) {
                char c = p.charAt(pi);
                if (c == '*') {
                    starP = pi++;
                    starT = ti;
                    continue;
                }
                if (c == '?') {
                    pi++;
                    ti++;
                    continue;
                }
                if (c == '\\' && pi + 1 < p.length()) {
                    if (p.charAt(pi + 1) == t.charAt(ti)) {
                        pi += 2;
                        ti++;
                        continue;
                    }
                } else if (c == t.charAt(ti)) {
                    pi++;
                    ti++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            pi = starP + 1;
            ti = ++starT;
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}

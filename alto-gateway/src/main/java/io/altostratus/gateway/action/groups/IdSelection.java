package io.altostratus.gateway.action.groups;

import io.altostratus.gateway.http.Ec2WireException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** How Describe actions pick the items a caller named by id, and the stable order their pages rely on. */
final class IdSelection {
    private IdSelection() {
    }

    /**
     * The items whose id was asked for, in the given order; every asked id must exist, else EC2's NotFound naming
     * all the missing ones (an id of another account is simply missing here). No ids asked means all items.
     *
     * @param notFound the error for the missing ids, in the order they were asked for
     */
    static <T> List<T> byIds(List<T> items, Function<T, String> id, Collection<String> wanted,
                             Function<List<String>, Ec2WireException> notFound) {
        if (wanted == null || wanted.isEmpty()) {
            return items;
        }
        Set<String> asked = new LinkedHashSet<>(wanted);
        List<T> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (T item : items) {
            if (asked.contains(id.apply(item))) {
                out.add(item);
                seen.add(id.apply(item));
            }
        }
        List<String> absent = asked.stream().filter(a -> !seen.contains(a)).toList();
        if (!absent.isEmpty()) {
            throw notFound.apply(absent);
        }
        return out;
    }

    /**
     * {@link #byIds(List, Function, Collection, Function)} with EC2's usual NotFound wording.
     *
     * @param noun as EC2 words it: {@code vpc}, {@code subnet}, {@code routeTable}, ...
     */
    static <T> List<T> byIds(List<T> items, Function<T, String> id, Collection<String> wanted, String code,
                             String noun) {
        return byIds(items, id, wanted, absent -> Checks.notFound(code, noun, absent));
    }

    /** Items sorted by id, so that pages are stable between calls. */
    static <T> List<T> sorted(List<T> items, Function<T, String> id) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing(id));
        return copy;
    }
}

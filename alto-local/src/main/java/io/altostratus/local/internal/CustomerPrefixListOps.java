package io.altostratus.local.internal;

import io.altostratus.core.ec2.CustomerPrefixList;
import io.altostratus.core.ec2.CustomerPrefixList.Entry;
import io.altostratus.core.ec2.CustomerPrefixLists;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.spec.Cidr;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Customer-managed prefix lists, one document each holding the current version's entries (earlier versions are not
 * kept). IPv4 lists only: the local cloud has no IPv6. An instance is a session's {@link CustomerPrefixLists}.
 */
public final class CustomerPrefixListOps implements CustomerPrefixLists {
    static final String KIND = "local.prefix-list";
    /** EC2's ceiling on a customer-managed list's size. */
    private static final int MAX_ENTRIES = 1000;

    private final Session session;
    private final Env env;

    public CustomerPrefixListOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public CustomerPrefixList createManagedPrefixList(String name, String addressFamily, int maxEntries,
                                                      List<Entry> entries, Map<String, String> tags) {
        TagOps.validate(tags);
        if (name == null || name.isEmpty() || name.length() > 255 || name.startsWith("com.amazonaws")) {
            throw Errors.invalidValue("The prefix list name '" + name + "' is invalid: 1 to 255 characters, not "
                    + "starting with com.amazonaws");
        }
        if (!"IPv4".equals(addressFamily)) {
            throw Errors.invalidValue("Value (" + addressFamily + ") for parameter AddressFamily is invalid: the local "
                    + "cloud has IPv4 only");
        }
        checkMax(maxEntries);
        List<Entry> checked = checkEntries(List.of(), entries, List.of(), maxEntries);
        CustomerPrefixList made = new CustomerPrefixList(Ec2IdKind.PREFIX_LIST.mint(), name, addressFamily,
                maxEntries, 1, checked, env.account(), tags);
        session.update(tx -> tx.put(KIND, env.scope(), made.id(), made));
        return made;
    }

    private static void checkMax(int maxEntries) {
        if (maxEntries < 1 || maxEntries > MAX_ENTRIES) {
            throw Errors.invalidValue("Value (" + maxEntries + ") for parameter MaxEntries is invalid. Expected 1 to "
                    + MAX_ENTRIES + ".");
        }
    }

    /** The entries after the change, each CIDR valid and once, no more than {@code max}. */
    private static List<Entry> checkEntries(List<Entry> current, List<Entry> add, List<String> remove, int max) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : current) {
            if (!remove.contains(e.cidr())) {
                out.add(e);
            }
        }
        for (String cidr : remove) {
            if (current.stream().noneMatch(e -> e.cidr().equals(cidr))) {
                throw Errors.invalidValue("The prefix list has no entry " + cidr + " to remove");
            }
        }
        for (Entry e : add == null ? List.<Entry>of() : add) {
            String canonical;
            try {
                canonical = Cidr.parse(e.cidr()).toString();
            } catch (RuntimeException bad) {
                throw Errors.invalidValue("The CIDR '" + e.cidr() + "' is invalid.");
            }
            if (!canonical.equals(e.cidr())) {
                throw Errors.invalidValue("The CIDR '" + e.cidr() + "' is invalid (did you mean " + canonical + "?)");
            }
            if (out.stream().anyMatch(x -> x.cidr().equals(canonical))) {
                throw Errors.invalidValue("The prefix list already has an entry " + canonical);
            }
            out.add(new Entry(canonical, e.description()));
        }
        if (out.size() > max) {
            throw Errors.invalidValue("The prefix list would hold " + out.size() + " entries; its maximum is " + max);
        }
        return out;
    }

    @Override
    public CustomerPrefixList modifyManagedPrefixList(String id, Long currentVersion, String name, List<Entry> add,
                                                      List<String> removeCidrs, Integer maxEntries) {
        boolean entriesChange = (add != null && !add.isEmpty()) || (removeCidrs != null && !removeCidrs.isEmpty());
        if (entriesChange && maxEntries != null) {
            throw Errors.invalid("InvalidParameterCombination", "The entries and the maximum size of a prefix list "
                    + "cannot be changed in one request");
        }
        return session.write(tx -> {
            CustomerPrefixList list = find(tx, env, id);
            if (currentVersion != null && currentVersion != list.version()) {
                throw Errors.invalidValue("The prefix list " + id + " is at version " + list.version() + ", not "
                        + currentVersion);
            }
            int max = maxEntries == null ? list.maxEntries() : maxEntries;
            checkMax(max);
            List<Entry> entries = checkEntries(list.entries(), add, removeCidrs == null ? List.of() : removeCidrs,
                    max);
            CustomerPrefixList changed = new CustomerPrefixList(id, name == null ? list.name() : name,
                    list.addressFamily(), max, entriesChange ? list.version() + 1 : list.version(), entries,
                    list.ownerId(), list.tags());
            tx.put(KIND, env.scope(), id, changed);
            return changed;
        });
    }

    @Override
    public void deleteManagedPrefixList(String id) {
        session.update(tx -> {
            find(tx, env, id);
            tx.delete(KIND, env.scope(), id);
        });
    }

    @Override
    public List<CustomerPrefixList> customerPrefixLists() {
        return session.read(view -> view.list(KIND, env.scope(), CustomerPrefixList.class));
    }

    private static CustomerPrefixList find(StateView view, Env env, String id) {
        Ec2IdKind.PREFIX_LIST.check(id);
        return view.get(KIND, env.scope(), id, CustomerPrefixList.class).orElseThrow(() -> notFound(id));
    }

    /** Changes a list's tags (CreateTags and DeleteTags reach lists through here). */
    static void retag(StateTx tx, Env env, String id, UnaryOperator<Map<String, String>> change) {
        CustomerPrefixList list = find(tx, env, id);
        tx.put(KIND, env.scope(), id, list.withTags(change.apply(list.tags())));
    }

    static AltoException notFound(String id) {
        return Errors.notFound(Ec2IdKind.PREFIX_LIST.notFoundCode(), "The prefix list ID '" + id + "' does not exist");
    }
}

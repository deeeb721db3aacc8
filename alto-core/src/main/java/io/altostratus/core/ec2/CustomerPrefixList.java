package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A prefix list the account manages itself (an EC2 customer-managed prefix list): named CIDRs that rules and
 * routes can refer to as one. Each change of its entries makes a new version.
 *
 * @param id            e.g. {@code pl-0123456789abcdef0}
 * @param name          its name
 * @param addressFamily {@code IPv4} or {@code IPv6}
 * @param maxEntries    how many entries it may hold
 * @param version       the current version, from 1
 * @param entries       its entries
 * @param ownerId       the owning account
 * @param tags          tags
 */
public record CustomerPrefixList(String id, String name, String addressFamily, int maxEntries, long version,
                                 List<Entry> entries, String ownerId, Map<String, String> tags) {
    /** One CIDR, with an optional description. */
    public record Entry(String cidr, String description) {
    }

    public CustomerPrefixList {
        Objects.requireNonNull(id, "id");
        entries = entries == null ? List.of() : List.copyOf(entries);
        tags = Tags.copy(tags);
    }

    public CustomerPrefixList withTags(Map<String, String> newTags) {
        return new CustomerPrefixList(id, name, addressFamily, maxEntries, version, entries, ownerId, newTags);
    }
}

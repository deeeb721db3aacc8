package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/**
 * EC2's customer-managed prefix lists. Unknown ids fail with {@code NOT_FOUND} ({@code InvalidPrefixListID.NotFound});
 * bad CIDRs, more entries than the list's maximum, or a stale {@code currentVersion} with {@code INVALID_PARAMETER}.
 */
public interface CustomerPrefixLists extends Extension {

    CustomerPrefixList createManagedPrefixList(String name, String addressFamily, int maxEntries,
                                               List<CustomerPrefixList.Entry> entries, Map<String, String> tags);

    /**
     * Renames the list, adds and removes entries (a new version), or changes its maximum (not together with
     * entries, as on EC2); {@code currentVersion}, when given, must be the list's version.
     */
    CustomerPrefixList modifyManagedPrefixList(String id, Long currentVersion, String name,
                                               List<CustomerPrefixList.Entry> add, List<String> removeCidrs,
                                               Integer maxEntries);

    void deleteManagedPrefixList(String id);

    /** Every list of the account in the region. */
    List<CustomerPrefixList> customerPrefixLists();
}

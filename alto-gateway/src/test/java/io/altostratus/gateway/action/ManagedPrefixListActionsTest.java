package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AddPrefixListEntry;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.PrefixListEntry;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Customer-managed prefix lists through the SDK: versions, entries, limits, listing beside AWS's, errors. */
class ManagedPrefixListActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    private static AddPrefixListEntry entry(String cidr, String description) {
        return AddPrefixListEntry.builder().cidr(cidr).description(description).build();
    }

    private ManagedPrefixList create(String name) {
        return ec2().createManagedPrefixList(r -> r.prefixListName(name).addressFamily("IPv4").maxEntries(3)
                .entries(entry("10.0.0.0/8", "corp"), entry("192.168.1.0/24", null))
                .tagSpecifications(tags(ResourceType.PREFIX_LIST, "team", "net"))).prefixList();
    }

    private List<String> cidrs(String id) {
        return ec2().getManagedPrefixListEntries(r -> r.prefixListId(id)).entries().stream()
                .map(PrefixListEntry::cidr).toList();
    }

    @Test
    void entriesMakeVersions() {
        ManagedPrefixList made = create("office");
        String id = made.prefixListId();
        assertThat(id).matches("pl-[0-9a-f]{17}");
        assertThat(made.version()).isEqualTo(1L);
        assertThat(made.ownerId()).isEqualTo(gw.account());
        assertThat(made.stateAsString()).isEqualTo("create-complete");
        assertThat(ec2().getManagedPrefixListEntries(r -> r.prefixListId(id)).entries())
                .anySatisfy(e -> assertThat(e.description()).isEqualTo("corp"));

        ManagedPrefixList changed = ec2().modifyManagedPrefixList(r -> r.prefixListId(id).currentVersion(1L)
                .addEntries(entry("172.16.0.0/12", "lab")).removeEntries(e -> e.cidr("192.168.1.0/24")))
                .prefixList();
        assertThat(changed.version()).isEqualTo(2L);
        assertThat(changed.stateAsString()).isEqualTo("modify-complete");
        assertThat(cidrs(id)).containsExactlyInAnyOrder("10.0.0.0/8", "172.16.0.0/12");
        // A stale version, an overflow and a bad CIDR are refused; nothing changes.
        ec2Error(() -> ec2().modifyManagedPrefixList(r -> r.prefixListId(id).currentVersion(1L)
                .addEntries(entry("10.9.0.0/16", null))), "InvalidParameterValue");
        ec2Error(() -> ec2().modifyManagedPrefixList(r -> r.prefixListId(id)
                .addEntries(entry("10.9.0.0/16", null), entry("10.8.0.0/16", null))), "InvalidParameterValue");
        ec2Error(() -> ec2().modifyManagedPrefixList(r -> r.prefixListId(id)
                .addEntries(entry("10.9.0.1/16", null))), "InvalidParameterValue");
        ec2Error(() -> ec2().modifyManagedPrefixList(r -> r.prefixListId(id).maxEntries(10)
                .addEntries(entry("10.9.0.0/16", null))), "InvalidParameterCombination");
        ec2Error(() -> ec2().getManagedPrefixListEntries(r -> r.prefixListId(id).targetVersion(1L)),
                "InvalidParameterValue");
        assertThat(cidrs(id)).hasSize(2);

        ec2().modifyManagedPrefixList(r -> r.prefixListId(id).maxEntries(10).prefixListName("office-2"));
        ManagedPrefixList read = ec2().describeManagedPrefixLists(r -> r.prefixListIds(id)).prefixLists().get(0);
        assertThat(read.maxEntries()).isEqualTo(10);
        assertThat(read.prefixListName()).isEqualTo("office-2");
        assertThat(read.version()).isEqualTo(2L);

        assertThat(ec2().deleteManagedPrefixList(r -> r.prefixListId(id)).prefixList().stateAsString())
                .isEqualTo("delete-complete");
        ec2Error(() -> ec2().describeManagedPrefixLists(r -> r.prefixListIds(id)), "InvalidPrefixListID.NotFound");
    }

    @Test
    void listedBesideAwsListsWithTagsAndErrors() {
        String own = create("mine").prefixListId();
        List<ManagedPrefixList> all = ec2().describeManagedPrefixLists(r -> { }).prefixLists();
        assertThat(all).extracting(ManagedPrefixList::prefixListId).contains(own, "pl-63a5400a");
        assertThat(ec2().describeManagedPrefixLists(r -> r.filters(filter("owner-id", gw.account()))).prefixLists())
                .extracting(ManagedPrefixList::prefixListId).containsExactly(own);
        assertThat(ec2().describeManagedPrefixLists(r -> r.filters(filter("tag:team", "net"))).prefixLists())
                .extracting(ManagedPrefixList::prefixListId).containsExactly(own);
        assertThat(ec2().describeTags(r -> r.filters(filter("resource-type", "prefix-list"))).tags())
                .extracting(t -> t.resourceId()).containsExactly(own);
        assertThat(ec2().describeManagedPrefixLists(r -> r.prefixListIds(own, "pl-63a5400a")).prefixLists())
                .hasSize(2);

        ec2Error(() -> ec2().createManagedPrefixList(r -> r.prefixListName("x").addressFamily("IPv4")
                .maxEntries(1).entries(entry("10.0.0.0/8", null), entry("11.0.0.0/8", null))),
                "InvalidParameterValue");
        ec2Error(() -> ec2().createManagedPrefixList(r -> r.prefixListName("com.amazonaws.mine")
                .addressFamily("IPv4").maxEntries(1)), "InvalidParameterValue");
        ec2Error(() -> ec2().createManagedPrefixList(r -> r.prefixListName("x").maxEntries(1)), "MissingParameter");
        ec2Error(() -> ec2().deleteManagedPrefixList(r -> r.prefixListId("pl-0123456789abcdef0")),
                "InvalidPrefixListID.NotFound");
        ec2Error(() -> ec2().modifyManagedPrefixList(r -> r.prefixListId("pl-63a5400a").maxEntries(5)),
                "InvalidPrefixListID.NotFound");
        assertDryRun(() -> ec2().createManagedPrefixList(r -> r.prefixListName("x").addressFamily("IPv4")
                .maxEntries(1).dryRun(true)));
        assertDryRun(() -> ec2().modifyManagedPrefixList(r -> r.prefixListId(own).maxEntries(5).dryRun(true)));
        assertDryRun(() -> ec2().deleteManagedPrefixList(r -> r.prefixListId(own).dryRun(true)));
        assertThat(gw.otherAccount().describeManagedPrefixLists(r -> { }).prefixLists())
                .extracting(ManagedPrefixList::prefixListId).doesNotContain(own);
    }
}

package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Tags;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.query.TagFilter;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.wait.InstanceCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Multi-instance launches, instance filters (AND across criteria, OR within one), tags and client tokens.
 *
 * <p>The filter tests share one fleet of three instances, tagged with the run id so that other tests' instances
 * never match: {@code web-1} (role=web, tier=front, running), {@code web-2} (role=web, running) and {@code db-1}
 * (role=db, tier=back, stopped). Client tokens are checked where the provider lists the
 * {@link Capability#CLIENT_TOKEN} trait.
 */
public interface InstanceQueryContract extends ProviderContract {

    /** The three instances the filter tests query. */
    record Fleet(String web1, String web2, String db1) {
    }

    /** Launches the filter tests' fleet and waits until it settles. */
    static Fleet launchFleet(ContractSession s) {
        String web1 = s.launch(b -> b.name(s.name("web-1")).tag("role", "web").tag("tier", "front")).get(0).id();
        String web2 = s.launch(b -> b.name(s.name("web-2")).tag("role", "web")).get(0).id();
        String db1 = s.launch(b -> b.name(s.name("db-1")).tag("role", "db").tag("tier", "back")).get(0).id();
        s.awaitAll(List.of(web1, web2, db1), InstanceCondition.RUNNING);
        s.cloud().stop(List.of(db1), false);
        s.awaitState(db1, InstanceCondition.STOPPED);
        return new Fleet(web1, web2, db1);
    }

    @Test
    default void launchOfThreeGivesThreeDistinctInstancesWithDistinctPrivateIps(ContractSession s) {
        List<Instance> launched = s.launch(b -> b.name(s.name("trio")).count(3));

        assertThat(launched).hasSize(3);
        List<String> ids = ContractSession.ids(launched);
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isNotBlank());
        List<Instance> running = s.awaitAll(ids, InstanceCondition.RUNNING);
        assertThat(running).extracting(Instance::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(running).extracting(Instance::privateIp)
                .doesNotContainNull()
                .doesNotHaveDuplicates();
        s.eventually("the run lists exactly the three", () ->
                assertThat(s.listIds(q -> q)).containsExactlyInAnyOrderElementsOf(ids));
    }

    @Test
    default void filterByIdsListsExactlyThoseIds(ContractSession s) {
        Fleet f = launchFleet(s);

        assertThat(s.cloud().instances(InstanceQuery.ids(List.of(f.web1(), f.db1()))))
                .extracting(Instance::id).containsExactlyInAnyOrder(f.web1(), f.db1());
        assertThat(s.listIds(q -> q.id(f.web2()))).containsExactly(f.web2());
    }

    @Test
    default void filterByStateListsOnlyInstancesInThoseStates(ContractSession s) {
        Fleet f = launchFleet(s);

        s.eventually("state filters", () -> {
            assertThat(s.listIds(q -> q.state(InstanceState.RUNNING))).containsExactlyInAnyOrder(f.web1(), f.web2());
            assertThat(s.listIds(q -> q.state(InstanceState.STOPPED))).containsExactly(f.db1());
            assertThat(s.listIds(q -> q.state(InstanceState.TERMINATED))).isEmpty();
        });
    }

    @Test
    default void filterByTagValueListsOnlyMatchingInstances(ContractSession s) {
        Fleet f = launchFleet(s);

        s.eventually("tag value filters", () -> {
            assertThat(s.listIds(q -> q.tag("role", "web"))).containsExactlyInAnyOrder(f.web1(), f.web2());
            assertThat(s.listIds(q -> q.tag("role", "db"))).containsExactly(f.db1());
            assertThat(s.listIds(q -> q.tag("role", "cache"))).isEmpty();
            assertThat(s.listIds(q -> q.tag("role", "w*"))).as("wildcard in a tag value")
                    .containsExactlyInAnyOrder(f.web1(), f.web2());
        });
    }

    @Test
    default void filterByTagKeyPresenceListsInstancesHavingTheKey(ContractSession s) {
        Fleet f = launchFleet(s);

        s.eventually("tag key filters", () -> {
            assertThat(s.listIds(q -> q.tag(TagFilter.exists("tier")))).containsExactlyInAnyOrder(f.web1(), f.db1());
            assertThat(s.listIds(q -> q.tag(TagFilter.exists("no-such-key-" + s.runId())))).isEmpty();
        });
    }

    @Test
    default void filterByNameSupportsWildcards(ContractSession s) {
        Fleet f = launchFleet(s);

        s.eventually("name filters", () -> {
            assertThat(s.listIds(q -> q.name(s.name("web-1")))).as("exact name").containsExactly(f.web1());
            assertThat(s.listIds(q -> q.name(s.name("web-*")))).containsExactlyInAnyOrder(f.web1(), f.web2());
            assertThat(s.listIds(q -> q.name(s.name("db-?")))).containsExactly(f.db1());
            assertThat(s.listIds(q -> q.name("*" + s.runId() + "*"))).hasSize(3);
            assertThat(s.listIds(q -> q.name(s.name("web")))).as("no implicit prefix match").isEmpty();
        });
    }

    @Test
    default void criteriaAreAndedAcrossFilters(ContractSession s) {
        Fleet f = launchFleet(s);

        s.eventually("AND across criteria", () -> {
            assertThat(s.listIds(q -> q.tag("role", "web").tag(TagFilter.exists("tier")))).containsExactly(f.web1());
            assertThat(s.listIds(q -> q.name(s.name("*-1")).tag("role", "web"))).containsExactly(f.web1());
            assertThat(s.listIds(q -> q.ids(List.of(f.web1(), f.db1())).tag("role", "db"))).containsExactly(f.db1());
            assertThat(s.listIds(q -> q.name(s.name("db-*")).tag("role", "web"))).isEmpty();
            assertThat(s.listIds(q -> q.tag(TagFilter.exists("tier")).state(InstanceState.RUNNING)))
                    .containsExactly(f.web1());
        });
    }

    @Test
    default void valuesWithinOneCriterionAreOred(ContractSession s) {
        Fleet f = launchFleet(s);

        s.eventually("OR within a criterion", () -> {
            assertThat(s.listIds(q -> q.tag(new TagFilter("role", List.of("web", "db")))))
                    .containsExactlyInAnyOrder(f.web1(), f.web2(), f.db1());
            assertThat(s.listIds(q -> q.tag(new TagFilter("tier", List.of("back", "middle")))))
                    .containsExactly(f.db1());
            assertThat(s.listIds(q -> q.name(s.name("web-2")).name(s.name("db-1"))))
                    .containsExactlyInAnyOrder(f.web2(), f.db1());
            assertThat(s.listIds(q -> q.state(InstanceState.RUNNING).state(InstanceState.STOPPED)))
                    .containsExactlyInAnyOrder(f.web1(), f.web2(), f.db1());
        });
    }

    @Test
    default void tagsAddedAndRemovedLaterShowInReadsAndFilters(ContractSession s) {
        Instance inst = s.launchOne("retag");
        String id = inst.id();

        s.cloud().tag(id, Map.of("env", "staging", Tags.NAME, s.name("renamed")));

        Instance tagged = s.cloud().instance(id);
        assertThat(tagged.tags()).containsEntry("env", "staging").containsEntry(ContractSession.RUN_TAG, s.runId());
        assertThat(tagged.name()).as("name follows the Name tag").isEqualTo(s.name("renamed"));
        s.eventually("filters see added tags", () -> {
            assertThat(s.listIds(q -> q.tag("env", "staging"))).containsExactly(id);
            assertThat(s.listIds(q -> q.name(s.name("renamed")))).containsExactly(id);
        });

        s.cloud().tag(id, Map.of("env", "prod"));
        assertThat(s.cloud().instance(id).tags()).as("tagging replaces a value").containsEntry("env", "prod");

        s.cloud().untag(id, List.of("env", "never-there"));

        Instance untagged = s.cloud().instance(id);
        assertThat(untagged.tags()).doesNotContainKey("env").containsEntry(ContractSession.RUN_TAG, s.runId());
        s.eventually("filters see removed tags", () -> {
            assertThat(s.listIds(q -> q.tag(TagFilter.exists("env")))).isEmpty();
            assertThat(s.listIds(q -> q)).containsExactly(id);
        });
    }

    @Test
    default void sameClientTokenReturnsTheFirstLaunchAndMakesNothingNew(ContractSession s) {
        s.assumeSupports(Capability.CLIENT_TOKEN);
        String token = s.name("token");

        List<String> first = ContractSession.ids(s.launch(b -> b.name(s.name("idem")).count(2).clientToken(token)));
        List<String> second = ContractSession.ids(s.launch(b -> b.name(s.name("idem")).count(2).clientToken(token)));

        assertThat(first).hasSize(2).doesNotHaveDuplicates();
        assertThat(second).as("ids from the repeated launch").containsExactlyInAnyOrderElementsOf(first);
        s.eventually("nothing new listed", () ->
                assertThat(s.listIds(q -> q)).containsExactlyInAnyOrderElementsOf(first));
    }

    @Test
    default void differentClientTokenLaunchesNewInstances(ContractSession s) {
        s.assumeSupports(Capability.CLIENT_TOKEN);

        List<String> first = ContractSession.ids(s.launch(b -> b.name(s.name("t1")).clientToken(s.name("token-1"))));
        List<String> second = ContractSession.ids(s.launch(b -> b.name(s.name("t2")).clientToken(s.name("token-2"))));

        assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
        s.eventually("both launches listed", () -> assertThat(s.listIds(q -> q))
                .containsExactlyInAnyOrder(first.get(0), second.get(0)));
    }

    /** Every page of the run's instances in {@code limit}-sized pages, checking each page's shape on the way. */
    private static List<String> walkPages(ContractSession s, InstanceQuery query, int limit) {
        List<String> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        for (int pages = 0; ; pages++) {
            assertThat(pages).as("pages of %s instances at %s a page", seen.size(), limit).isLessThan(1000);
            Page<Instance> page = s.cloud().instances(query, request);
            assertThat(page.items()).as("page %s holds at most the limit", pages).hasSizeLessThanOrEqualTo(limit);
            page.items().forEach(i -> seen.add(i.id()));
            if (!page.hasNext()) {
                return seen;
            }
            assertThat(page.items()).as("a page that is not the last is not empty").isNotEmpty();
            request = request.next(page.nextCursor());
        }
    }

    @Test
    default void pagesCoverEveryMatchingInstanceOnceInAStableOrder(ContractSession s) {
        List<String> ids = ContractSession.ids(s.launch(b -> b.name(s.name("paged")).count(5)));
        String other = s.launch(b -> b.name(s.name("unpaged")).tag("role", "other")).get(0).id();
        s.eventually("the run lists all six", () -> assertThat(s.listIds(q -> q)).hasSize(6));
        InstanceQuery query = s.query().name(s.name("paged")).build();

        List<String> byTwo = walkPages(s, query, 2);

        assertThat(byTwo).as("pages of two").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids)
                .doesNotContain(other);
        assertThat(walkPages(s, query, 2)).as("the same pages walked again").isEqualTo(byTwo);
        assertThat(walkPages(s, query, 1)).as("pages of one, in the same order").isEqualTo(byTwo);
        Page<Instance> whole = s.cloud().instances(query, PageRequest.first(100));
        assertThat(ContractSession.ids(whole.items())).as("one page big enough for all").isEqualTo(byTwo);
        assertThat(whole.hasNext()).as("a page holding the rest is the last").isFalse();
        assertThat(s.cloud().instances(s.query().name(s.name("nothing-matches")).build(), PageRequest.first(2))
                .items()).as("a page of an empty listing").isEmpty();
    }
}

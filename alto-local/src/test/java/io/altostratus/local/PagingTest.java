package io.altostratus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.LaunchSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paged instance listings: in id order, each instance once, and steady while instances come and go. */
class PagingTest {

    private static LaunchSpec.Builder spec(int count) {
        return LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").count(count);
    }

    /** Every page of the query with pages of {@code limit}, checking the cursor each page hands on. */
    private static List<Page<Instance>> pages(LocalCloud cloud, InstanceQuery query, int limit) {
        List<Page<Instance>> pages = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        while (true) {
            Page<Instance> page = cloud.instances(query, request);
            pages.add(page);
            if (!page.hasNext()) {
                return pages;
            }
            assertThat(page.items()).as("a page with a next one is full").hasSize(limit);
            assertThat(page.nextCursor()).isEqualTo(page.items().get(limit - 1).id());
            request = request.next(page.nextCursor());
        }
    }

    private static List<String> ids(List<Page<Instance>> pages) {
        return pages.stream().flatMap(p -> p.items().stream()).map(Instance::id).toList();
    }

    @Test
    void pagesCoverTheListingOnceInIdOrder() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            cloud.launch(spec(25).build());
            List<String> all = cloud.instances(InstanceQuery.all()).stream().map(Instance::id).sorted().toList();

            List<Page<Instance>> pages = pages(cloud, InstanceQuery.all(), 7);

            assertThat(pages).extracting(p -> p.items().size()).containsExactly(7, 7, 7, 4);
            assertThat(ids(pages)).containsExactlyElementsOf(all);
            assertThat(pages(cloud, InstanceQuery.all(), 25)).singleElement()
                    .satisfies(p -> assertThat(p.nextCursor()).as("an exactly full last page").isNull());
            assertThat(pages(cloud, InstanceQuery.all(), 100)).singleElement()
                    .extracting(p -> p.items().size()).isEqualTo(25);
        }
    }

    @Test
    void pagesAreTheFullListingCutByCursorForEveryKindOfQuery() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            List<Instance> web = cloud.launch(spec(9).tags(Map.of("team", "web")).build());
            List<Instance> db = cloud.launch(spec(6).tags(Map.of("team", "db")).zone("us-east-1b").build());
            cloud.stop(List.of(web.get(0).id(), web.get(4).id(), db.get(2).id()), false);
            cloud.terminate(List.of(web.get(7).id()));

            List<InstanceQuery> queries = List.of(
                    InstanceQuery.all(),
                    InstanceQuery.builder().tag("team", "web").build(),
                    InstanceQuery.builder().state(InstanceState.STOPPED).build(),
                    InstanceQuery.builder().tag("team", "web").state(InstanceState.RUNNING).build(),
                    InstanceQuery.builder().zone("us-east-1b").build(),
                    InstanceQuery.builder().tag("team", "nobody").build(),
                    InstanceQuery.ids(List.of(db.get(0).id(), web.get(3).id(), web.get(7).id())));
            for (InstanceQuery query : queries) {
                List<Instance> full = cloud.instances(query);
                for (int limit : new int[] {1, 2, 4, 50}) {
                    PageRequest request = PageRequest.first(limit);
                    List<Page<Instance>> pages = pages(cloud, query, limit);
                    for (Page<Instance> page : pages) {
                        assertThat(page).as(query + " limit " + limit + " after " + request.cursor())
                                .isEqualTo(Page.of(full, request, Instance::id));
                        request = request.next(page.nextCursor());
                    }
                }
            }
        }
    }

    @Test
    void instancesGoneOrMadeBetweenPagesNeitherRepeatNorSkipOthers() {
        // Terminated instances leave the listing at once here, so a termination is a deletion.
        try (TestClouds clouds = new TestClouds().setting("terminated_retention_s", "0");
             LocalCloud cloud = clouds.open()) {
            cloud.launch(spec(12).build());
            List<String> before = cloud.instances(InstanceQuery.all()).stream().map(Instance::id).sorted().toList();

            Page<Instance> first = cloud.instances(InstanceQuery.all(), PageRequest.first(5));
            assertThat(first.items()).extracting(Instance::id).containsExactlyElementsOf(before.subList(0, 5));
            // The cursor's own instance and one the next page would have held go away; new ones arrive.
            String cursorItself = before.get(4);
            String onTheNextPage = before.get(6);
            cloud.terminate(List.of(cursorItself, onTheNextPage));
            List<Instance> added = cloud.launch(spec(3).build());

            List<String> rest = new ArrayList<>();
            PageRequest request = PageRequest.first(5).next(first.nextCursor());
            while (request != null) {
                Page<Instance> page = cloud.instances(InstanceQuery.all(), request);
                page.items().forEach(i -> rest.add(i.id()));
                request = page.hasNext() ? request.next(page.nextCursor()) : null;
            }

            List<String> seen = new ArrayList<>(first.items().stream().map(Instance::id).toList());
            seen.addAll(rest);
            assertThat(seen).as("nothing twice").doesNotHaveDuplicates();
            List<String> stayed = before.stream().filter(id -> !id.equals(cursorItself) && !id.equals(onTheNextPage))
                    .toList();
            assertThat(seen).as("every instance that stayed, once").containsAll(stayed);
            assertThat(rest).doesNotContain(onTheNextPage);
            assertThat(rest).as("later pages hold only ids after the cursor")
                    .allSatisfy(id -> assertThat(id).isGreaterThan(cursorItself));
            // New instances appear on a later page exactly when their ids sort after the cursor.
            for (Instance made : added) {
                assertThat(rest.contains(made.id())).as(made.id()).isEqualTo(made.id().compareTo(cursorItself) > 0);
            }
        }
    }

    @Test
    void unknownIdsFailAsInAFullListing() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            Instance one = cloud.launch(spec(1).build()).get(0);
            AltoException e = catchThrowableOfType(AltoException.class, () -> cloud.instances(
                    InstanceQuery.ids(List.of(one.id(), "i-0123456789abcdef0")), PageRequest.first(10)));
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.providerCode()).isEqualTo("InvalidInstanceID.NotFound");
        }
    }
}

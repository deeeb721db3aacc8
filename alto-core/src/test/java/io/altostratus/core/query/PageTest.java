package io.altostratus.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PageTest {
    private static List<String> readAll(List<String> source, int limit, Runnable betweenPages) {
        List<String> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        while (true) {
            Page<String> page = Page.of(source, request, Function.identity());
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            seen.addAll(page.items());
            if (!page.hasNext()) {
                return seen;
            }
            betweenPages.run();
            request = request.next(page.nextCursor());
        }
    }

    @Test
    void pagesCoverEveryItemOnceInIdOrder() {
        List<String> ids = List.of("c", "a", "e", "b", "d", "f", "g");
        assertThat(readAll(ids, 3, () -> { })).containsExactly("a", "b", "c", "d", "e", "f", "g");
        assertThat(readAll(ids, 7, () -> { })).hasSize(7);
        assertThat(readAll(ids, 100, () -> { })).hasSize(7);
        assertThat(Page.of(List.<String>of(), PageRequest.first(5), Function.identity()).hasNext()).isFalse();
    }

    @Test
    void aDeletionBetweenPagesNeitherRepeatsNorSkipsTheItemsThatStay() {
        List<String> ids = new ArrayList<>(List.of("a", "b", "c", "d", "e", "f"));
        List<String> seen = readAll(ids, 2, () -> ids.remove(ids.size() > 1 ? 1 : 0));
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(ids);
    }

    @Test
    void aPageHoldsAtLeastOneItem() {
        assertThatThrownBy(() -> PageRequest.first(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PageRequest(5, "").cursor()).isNull();
    }

    @Test
    void aFilteredPageReadsSourcePagesUntilItHoldsTheLimitAndEndsWhereItsLastItemIs() {
        List<String> ids = List.of("a1", "b", "c2", "d", "e", "f3", "g4", "h", "i5");
        List<PageRequest> asked = new ArrayList<>();
        Function<PageRequest, Page<String>> source = request -> {
            asked.add(request);
            return Page.of(ids, request, Function.identity());
        };
        java.util.function.Predicate<String> numbered = id -> id.length() == 2;

        Page<String> first = Page.filtered(source, PageRequest.first(2), numbered, Function.identity());
        assertThat(first.items()).containsExactly("a1", "c2");
        assertThat(first.nextCursor()).isEqualTo("c2");
        Page<String> second = Page.filtered(source, PageRequest.first(2).next(first.nextCursor()), numbered,
                Function.identity());
        assertThat(second.items()).containsExactly("f3", "g4");
        Page<String> last = Page.filtered(source, PageRequest.first(2).next(second.nextCursor()), numbered,
                Function.identity());
        assertThat(last.items()).containsExactly("i5");
        assertThat(last.hasNext()).isFalse();
        // Every source page was asked for with the caller's limit, the later ones from where the one before ended.
        assertThat(asked).allSatisfy(r -> assertThat(r.limit()).isEqualTo(2));
        assertThat(Page.filtered(source, PageRequest.first(3), id -> false, Function.identity()).items()).isEmpty();
    }
}

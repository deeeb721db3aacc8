package io.altostratus.gateway.gce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.Scheduling;
import io.altostratus.gateway.gce.internal.Filter;
import io.altostratus.gateway.gce.internal.GceException;
import io.altostratus.gateway.gce.internal.Links;
import io.altostratus.gateway.gce.internal.Pages;
import io.altostratus.gateway.gce.internal.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The list-call machinery: filter expressions over any message, and paging. */
class FilterAndPagesTest {
    private static final Instance WEB = Instance.newBuilder().setName("web-1").setStatus("RUNNING")
            .setId(-5L).putLabels("env", "prod").putLabels("team", "infra")
            .setScheduling(Scheduling.newBuilder().setProvisioningModel("SPOT")).build();

    @Test
    void comparisonsOnFieldsNestedFieldsAndLabels() {
        assertThat(Filter.parse("name = web-1").matches(WEB)).isTrue();
        assertThat(Filter.parse("name = \"web-2\"").matches(WEB)).isFalse();
        assertThat(Filter.parse("status != TERMINATED").matches(WEB)).isTrue();
        assertThat(Filter.parse("labels.env = prod AND labels.team = infra").matches(WEB)).isTrue();
        assertThat(Filter.parse("(labels.env = prod) (status = STOPPING)").matches(WEB)).isFalse();
        assertThat(Filter.parse("labels.missing = x").matches(WEB)).isFalse();
        assertThat(Filter.parse("labels.env:*").matches(WEB)).isTrue();
        assertThat(Filter.parse("name : web-*").matches(WEB)).isTrue();
        assertThat(Filter.parse("scheduling.provisioningModel = SPOT").matches(WEB)).isTrue();
        // uint64 ids compare as Google prints them: unsigned decimal.
        assertThat(Filter.parse("id = " + Long.toUnsignedString(-5L)).matches(WEB)).isTrue();
        assertThat(Filter.parse("name eq 'web-[0-9]+'").matches(WEB)).isTrue();
        assertThat(Filter.parse("name ne 'web-.*'").matches(WEB)).isFalse();
        assertThat(Filter.parse("").matches(WEB)).isTrue();
        // gcloud's server-side form of --filter='name:web': the backslashes belong to the expression.
        assertThat(Filter.parse("name eq \".*\\bweb\\-1\\b.*\"").matches(WEB)).isTrue();
        assertThat(Filter.parse("name eq \".*\\bweb\\-2\\b.*\"").matches(WEB)).isFalse();
    }

    @Test
    void whatItDoesNotUnderstandIsRefusedNotIgnored() {
        for (String bad : List.of("name = a OR name = b", "name >> x", "= x", "name eq '['")) {
            assertThatThrownBy(() -> Filter.parse(bad).matches(WEB)).as(bad)
                    .isInstanceOfSatisfying(GceException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.reason()).isEqualTo("invalid");
                    });
        }
    }

    private static Request request(Map<String, String> query) {
        return new Request("GET", "p", List.of(), query, new byte[0], new Links("http://h/compute/v1/"), "u");
    }

    @Test
    void pagesWalkTheWholeListingOnceAndRefuseBadSizes() {
        List<String> names = List.of("a", "b", "c", "d", "e");
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> query = token == null ? Map.of("maxResults", "2")
                    : Map.of("maxResults", "2", "pageToken", token);
            Pages.Slice<String> page = Pages.slice(names, n -> n, request(query));
            seen.addAll(page.items());
            token = page.nextPageToken();
            pages++;
        } while (token != null);
        assertThat(seen).containsExactlyElementsOf(names);
        assertThat(pages).isEqualTo(3);
        assertThat(Pages.slice(names, n -> n, request(Map.of())).items()).hasSize(5);
        assertThatThrownBy(() -> Pages.slice(names, n -> n, request(Map.of("maxResults", "501"))))
                .isInstanceOf(GceException.class);
        assertThatThrownBy(() -> Pages.slice(names, n -> n, request(Map.of("pageToken", "%%%"))))
                .isInstanceOf(GceException.class);
    }

    @Test
    void linksReadPartialAndFullUrls() {
        assertThat(Links.zoneOf("zones/us-central1-a/machineTypes/e2-small")).isEqualTo("us-central1-a");
        assertThat(Links.zoneOf("https://www.googleapis.com/compute/v1/projects/p/zones/europe-west1-b/disks/d"))
                .isEqualTo("europe-west1-b");
        assertThat(Links.zoneOf("e2-small")).isNull();
        assertThat(Links.lastSegment("projects/p/zones/z/machineTypes/e2-small")).isEqualTo("e2-small");
        assertThat(Links.regionOfZone("us-central1-f")).isEqualTo("us-central1");
        assertThat(Links.relative("http://127.0.0.1:1/compute/v1/projects/p/global/images/x"))
                .isEqualTo("projects/p/global/images/x");
    }
}

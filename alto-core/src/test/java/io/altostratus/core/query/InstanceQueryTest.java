package io.altostratus.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceQueryTest {
    private static Instance instance(String id, InstanceState state, Map<String, String> tags) {
        return Instance.builder().id(id).state(state).name(tags.get("Name")).tags(tags).zone("us-east-1a").build();
    }

    private final Instance web1 = instance("i-1", InstanceState.RUNNING, Map.of("Name", "web-1", "role", "web"));
    private final Instance web2 = instance("i-2", InstanceState.STOPPED, Map.of("Name", "web-2", "role", "web"));
    private final Instance db = instance("i-3", InstanceState.RUNNING, Map.of("Name", "db-1", "role", "db", "tier", "data"));

    @Test
    void emptyQueryMatchesEverything() {
        assertThat(InstanceQuery.all().matches(web1)).isTrue();
        assertThat(InstanceQuery.all().matches(db)).isTrue();
    }

    @Test
    void valuesWithinOneCriterionAreAlternatives() {
        InstanceQuery q = InstanceQuery.builder().state(InstanceState.STOPPED).state(InstanceState.RUNNING).build();
        assertThat(q.matches(web1)).isTrue();
        assertThat(q.matches(web2)).isTrue();
        InstanceQuery roles = InstanceQuery.builder().tag(new TagFilter("role", java.util.List.of("db", "cache"))).build();
        assertThat(roles.matches(db)).isTrue();
        assertThat(roles.matches(web1)).isFalse();
    }

    @Test
    void criteriaAreCombinedWithAnd() {
        InstanceQuery q = InstanceQuery.builder().state(InstanceState.RUNNING).tag("role", "web").build();
        assertThat(q.matches(web1)).isTrue();
        assertThat(q.matches(web2)).isFalse();
        assertThat(q.matches(db)).isFalse();
    }

    @Test
    void namesAndTagValuesTakeWildcards() {
        assertThat(InstanceQuery.builder().name("web-*").build().matches(web2)).isTrue();
        assertThat(InstanceQuery.builder().name("web-*").build().matches(db)).isFalse();
        assertThat(InstanceQuery.builder().tag("Name", "?b-1").build().matches(db)).isTrue();
    }

    @Test
    void tagPresenceFilter() {
        InstanceQuery q = InstanceQuery.builder().tag(TagFilter.exists("tier")).build();
        assertThat(q.matches(db)).isTrue();
        assertThat(q.matches(web1)).isFalse();
        assertThat(TagFilter.parse("tier")).isEqualTo(TagFilter.exists("tier"));
        assertThat(TagFilter.parse("a=b=c")).isEqualTo(TagFilter.equals("a", "b=c"));
    }
}

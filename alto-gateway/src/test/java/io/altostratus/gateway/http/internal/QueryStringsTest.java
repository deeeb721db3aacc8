package io.altostratus.gateway.http.internal;

import io.altostratus.gateway.http.Ec2WireException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryStringsTest {

    private static Map<String, List<String>> parse(String text) {
        return QueryStrings.parse(text.getBytes(StandardCharsets.UTF_8), new QueryStrings.Budget(100));
    }

    @Test
    void keepsOrderRepeatsAndEmptyValues() {
        Map<String, List<String>> params = parse("b=2&a=1&b=3&flag&empty=&&");
        assertThat(params.keySet()).containsExactly("b", "a", "flag", "empty");
        assertThat(params.get("b")).containsExactly("2", "3");
        assertThat(params.get("flag")).containsExactly("");
        assertThat(params.get("empty")).containsExactly("");
    }

    @Test
    void decodesPlusPercentAndUtf8() {
        Map<String, List<String>> params = parse("Tag.1.Value=a+b%20c%2Bd&N%C3%A4me=%E2%82%AC%F0%9F%98%80");
        assertThat(params.get("Tag.1.Value")).containsExactly("a b c+d");
        assertThat(params.get("Näme")).containsExactly("€😀");
    }

    @Test
    void rejectsBrokenEscapesAndInvalidUtf8() {
        for (String bad : List.of("a=%", "a=%4", "a=%G1", "a=%C3", "a=%C3%28", "a=%ED%A0%80", "a=%FF", "=x")) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOfSatisfying(Ec2WireException.class, e -> {
                assertThat(e.code()).isEqualTo("MalformedQueryString");
                assertThat(e.httpStatus()).isEqualTo(400);
            });
        }
    }

    @Test
    void theBudgetIsSharedAndEnforced() {
        QueryStrings.Budget budget = new QueryStrings.Budget(3);
        QueryStrings.parse("a=1&b=2".getBytes(StandardCharsets.UTF_8), budget);
        assertThatThrownBy(() -> QueryStrings.parse("c=3&d=4".getBytes(StandardCharsets.UTF_8), budget))
                .isInstanceOfSatisfying(Ec2WireException.class,
                        e -> assertThat(e.code()).isEqualTo("InvalidQueryParameter"));
    }
}

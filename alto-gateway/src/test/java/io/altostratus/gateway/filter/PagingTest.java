package io.altostratus.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.gateway.http.Ec2WireException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeVolumeStatusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;

class PagingTest {
    private static final Filter SIZE_8 = Filter.builder().name("size").values("8").build();
    private static final Filter SIZE_16 = Filter.builder().name("size").values("16").build();

    @Test
    void queryKeyIgnoresOnlyThePagingMembers() {
        DescribeVolumesRequest first = DescribeVolumesRequest.builder().filters(SIZE_8).maxResults(5).build();
        DescribeVolumesRequest next = first.toBuilder().maxResults(7).nextToken("abc").build();

        assertThat(Paging.queryKey(next)).isEqualTo(Paging.queryKey(first));
        assertThat(Paging.queryKey(first.toBuilder().filters(SIZE_16).build())).isNotEqualTo(Paging.queryKey(first));
        assertThat(Paging.queryKey(first.toBuilder().volumeIds("vol-12345678").build()))
                .isNotEqualTo(Paging.queryKey(first));
    }

    @Test
    void queryKeyTellsActionsWithTheSameMembersApart() {
        DescribeVolumesRequest volumes = DescribeVolumesRequest.builder().filters(SIZE_8).build();
        DescribeVolumeStatusRequest status = DescribeVolumeStatusRequest.builder().filters(SIZE_8).build();

        assertThat(Paging.queryKey(volumes)).isNotEqualTo(Paging.queryKey(status));
    }

    @Test
    void aTokenIsRefusedForAnotherQuery() {
        List<Integer> items = List.of(1, 2, 3, 4, 5, 6);
        String key = Paging.queryKey(DescribeVolumesRequest.builder().filters(SIZE_8).build());
        Paging.Page<Integer> first = Paging.page(items, 5, null, 5, 1000, key);
        assertThat(first.items()).containsExactly(1, 2, 3, 4, 5);

        assertThat(Paging.page(items, 5, first.nextToken(), 5, 1000, key).items()).containsExactly(6);
        String other = Paging.queryKey(DescribeVolumesRequest.builder().filters(SIZE_16).build());
        assertThatThrownBy(() -> Paging.page(items, 5, first.nextToken(), 5, 1000, other))
                .isInstanceOf(Ec2WireException.class)
                .hasMessageContaining("Invalid NextToken");
    }
}

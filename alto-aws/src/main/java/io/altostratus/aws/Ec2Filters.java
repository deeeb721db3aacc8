package io.altostratus.aws;

import java.util.Collection;
import software.amazon.awssdk.services.ec2.model.Filter;

/** EC2 request filters by name and values. */
final class Ec2Filters {
    private Ec2Filters() {
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    static Filter filter(String name, Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }
}

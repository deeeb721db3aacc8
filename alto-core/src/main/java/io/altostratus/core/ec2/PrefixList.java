package io.altostratus.core.ec2;

import java.util.List;
import java.util.Objects;

/**
 * An AWS-managed prefix list: the address ranges of a service in a region, for routes and security group rules.
 *
 * @param id    e.g. {@code pl-63a5400a}
 * @param name  e.g. {@code com.amazonaws.us-east-1.s3}
 * @param cidrs its ranges
 */
public record PrefixList(String id, String name, List<String> cidrs) {
    public PrefixList {
        Objects.requireNonNull(id, "id");
        cidrs = List.copyOf(cidrs);
    }
}

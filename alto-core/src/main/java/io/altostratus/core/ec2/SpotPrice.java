package io.altostratus.core.ec2;

import java.time.Instant;
import java.util.Objects;

/**
 * The spot price of one instance type in one zone, as of a time.
 *
 * @param instanceType       the type
 * @param zone               the availability zone
 * @param productDescription the platform the price is for, as EC2 words it (e.g. {@code Linux/UNIX})
 * @param pricePerHour       USD per hour
 * @param timestamp          since when the price holds
 */
public record SpotPrice(String instanceType, String zone, String productDescription, double pricePerHour,
                        Instant timestamp) {
    public SpotPrice {
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(zone, "zone");
    }
}

package io.altostratus.core.ec2;

/**
 * An instance a fleet launched.
 *
 * @param instanceId    the instance
 * @param instanceType  its type
 * @param spot          whether it is spot capacity (else on-demand)
 * @param spotRequestId its spot request, or null
 * @param weight        the capacity units it counts for (its launch specification's weighted capacity)
 */
public record FleetInstance(String instanceId, String instanceType, boolean spot, String spotRequestId,
                            double weight) {
}

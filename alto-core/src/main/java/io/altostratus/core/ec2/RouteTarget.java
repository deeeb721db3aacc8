package io.altostratus.core.ec2;

/**
 * Where a route sends traffic: exactly one of an internet gateway, an instance or a network interface.
 *
 * @param gatewayId          an internet gateway id, or null
 * @param instanceId         an instance id, or null
 * @param networkInterfaceId a network interface id, or null
 */
public record RouteTarget(String gatewayId, String instanceId, String networkInterfaceId) {
    public RouteTarget {
        int set = (gatewayId == null ? 0 : 1) + (instanceId == null ? 0 : 1) + (networkInterfaceId == null ? 0 : 1);
        if (set != 1) {
            throw new IllegalArgumentException("a route needs exactly one target (gateway, instance or interface)");
        }
    }

    public static RouteTarget gateway(String id) {
        return new RouteTarget(id, null, null);
    }

    public static RouteTarget instance(String id) {
        return new RouteTarget(null, id, null);
    }

    public static RouteTarget networkInterface(String id) {
        return new RouteTarget(null, null, id);
    }
}

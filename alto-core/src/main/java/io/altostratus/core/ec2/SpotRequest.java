package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A spot instance request: what a spot launch asked for and where it stands. Providers that launch spot capacity
 * ({@link io.altostratus.core.spi.Capability#SPOT}) make one request per spot instance, as EC2 does for
 * RunInstances with spot market options.
 *
 * @param id               the request id ({@code sir-...} on EC2 and the local cloud)
 * @param type             one-time or persistent
 * @param state            where the request is in its lifecycle
 * @param statusCode       EC2's status code (e.g. {@code fulfilled}, {@code instance-terminated-by-user},
 *                         {@code request-canceled-and-instance-running})
 * @param statusMessage    the status in words, or null
 * @param statusUpdateTime when the status last changed
 * @param maxPricePerHour  the most the request pays in USD per hour (the on-demand price when none was given), or
 *                         null when unknown
 * @param instanceId       the instance that fulfils the request, or null
 * @param instanceType     the instance type asked for
 * @param imageId          the image asked for
 * @param keyName          the key pair asked for, or null
 * @param subnetId         the subnet the instance went to, or null
 * @param launchedZone     the zone the instance was launched in, or null before fulfilment
 * @param createTime       when the request was made
 * @param tags             the request's own tags (not the instance's)
 */
public record SpotRequest(
        String id,
        Type type,
        State state,
        String statusCode,
        String statusMessage,
        Instant statusUpdateTime,
        Double maxPricePerHour,
        String instanceId,
        String instanceType,
        String imageId,
        String keyName,
        String subnetId,
        String launchedZone,
        Instant createTime,
        Map<String, String> tags) {

    public SpotRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        tags = Tags.copy(tags);
    }

    /** Whether the request outlives its instance (persistent) or ends with it (one-time). */
    public enum Type {
        ONE_TIME("one-time"),
        PERSISTENT("persistent");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /** EC2's name for the type. */
        public String wireName() {
            return wireName;
        }
    }

    /** EC2's request states. */
    public enum State {
        OPEN, ACTIVE, CLOSED, CANCELLED, FAILED, DISABLED;

        /** EC2's name for the state ({@code open}, {@code active}, ...). */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** This request with another state and status. */
    public SpotRequest withStatus(State newState, String newCode, String newMessage, Instant at) {
        return new SpotRequest(id, type, newState, newCode, newMessage, at, maxPricePerHour, instanceId, instanceType,
                imageId, keyName, subnetId, launchedZone, createTime, tags);
    }

    /** This request with other tags. */
    public SpotRequest withTags(Map<String, String> newTags) {
        return new SpotRequest(id, type, state, statusCode, statusMessage, statusUpdateTime, maxPricePerHour,
                instanceId, instanceType, imageId, keyName, subnetId, launchedZone, createTime, newTags);
    }
}

package io.altostratus.core.ec2;

/**
 * Why a fleet could not launch one of its launch specifications (an override).
 *
 * @param code         EC2's error code, e.g. {@code InsufficientInstanceCapacity}
 * @param message      the error in words
 * @param instanceType the override's type, or null
 * @param subnetId     the override's subnet, or null
 * @param spot         whether the capacity asked for was spot
 */
public record FleetError(String code, String message, String instanceType, String subnetId, boolean spot) {
}

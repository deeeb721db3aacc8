package io.altostratus.local.internal;

import io.altostratus.core.spi.ProviderContext;

/**
 * The local cloud's settings from the provider's section of the configuration.
 *
 * @param transitionMs       how long pending, stopping, shutting-down (and image/snapshot creation) take
 * @param retentionMs        how long terminated instances stay listed
 * @param maxInstances       the per-region (per account) limit of instances that are not terminated
 */
public record Settings(long transitionMs, long retentionMs, int maxInstances) {
    public static final String TRANSITION_MS = "transition_ms";
    public static final String TERMINATED_RETENTION_S = "terminated_retention_s";
    public static final String MAX_INSTANCES = "max_instances";

    public static Settings from(ProviderContext context) {
        long transition = number(context, TRANSITION_MS, "1500");
        long retentionS = number(context, TERMINATED_RETENTION_S, "3600");
        long max = number(context, MAX_INSTANCES, "20000");
        if (max > Integer.MAX_VALUE) {
            throw Errors.invalidValue(MAX_INSTANCES + " is too large: " + max);
        }
        return new Settings(transition, retentionS * 1000, (int) max);
    }

    private static long number(ProviderContext context, String key, String fallback) {
        String text = context.setting(key, fallback).trim();
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw Errors.invalidValue("local provider setting " + key + " must not be negative: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw Errors.invalidValue("local provider setting " + key + " must be a whole number: " + text);
        }
    }
}

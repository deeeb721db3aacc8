package io.altostratus.aws;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.aws.internal.PrivateKeys;
import io.altostratus.catalog.Catalog;
import io.altostratus.core.wait.Retrier;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * What every part of one aws session shares: the clients, the retrier and its clock, the region and settings, the
 * ownership tags it puts on what it makes, and when it made each id (to read through EC2's eventual consistency).
 */
final class AwsContext {
    private final Ec2Client ec2;
    private final SsmClient ssm;
    private final String region;
    private final AwsSettings settings;
    private final Retrier retrier;
    private final Clock clock;
    private final Catalog catalog;
    private final PrivateKeys privateKeys;
    private final String runId;
    private final Map<String, Instant> madeAt = new ConcurrentHashMap<>();

    AwsContext(Ec2Client ec2, SsmClient ssm, String region, AwsSettings settings, Retrier retrier, Catalog catalog) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.ssm = settings.useSsm() ? ssm : null;
        this.region = Objects.requireNonNull(region, "region");
        this.settings = settings;
        this.retrier = Objects.requireNonNull(retrier, "retrier");
        this.clock = retrier.clock();
        this.catalog = catalog;
        this.privateKeys = new PrivateKeys(settings.keyDir());
        this.runId = settings.runId() != null ? settings.runId() : "r" + UUID.randomUUID().toString().substring(0, 8);
    }

    Ec2Client ec2() {
        return ec2;
    }

    /** SSM for public image parameters, or null when the settings or the caller leave it out. */
    SsmClient ssm() {
        return ssm;
    }

    String region() {
        return region;
    }

    AwsSettings settings() {
        return settings;
    }

    Retrier retrier() {
        return retrier;
    }

    Clock clock() {
        return clock;
    }

    /** Where prices come from (EC2 does not say), or null. */
    Catalog catalog() {
        return catalog;
    }

    PrivateKeys privateKeys() {
        return privateKeys;
    }

    String runId() {
        return runId;
    }

    /** The ownership tags for something made now, under the caller's own tags (which win). */
    Map<String, String> owned(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(AwsProvider.OWNER_TAG, settings.owner());
        out.put(AwsProvider.CREATED_TAG, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        out.put(AwsProvider.RUN_TAG, runId);
        if (tags != null) {
            out.putAll(tags);
        }
        return out;
    }

    TagSpecification tagSpec(ResourceType type, Map<String, String> tags) {
        return TagSpecification.builder().resourceType(type).tags(Ec2Convert.sdkTags(owned(tags))).build();
    }

    /** Notes that this session just made {@code id}, so that a NOT_FOUND for it soon after is read as "not yet". */
    void remember(String id) {
        madeAt.put(id, clock.instant());
    }

    /** Until when a NOT_FOUND for these ids means "not visible yet" rather than "gone". */
    Instant visibleBy(Collection<String> ids) {
        Instant latest = null;
        for (String id : ids) {
            Instant made = madeAt.get(id);
            if (made != null && (latest == null || made.isAfter(latest))) {
                latest = made;
            }
        }
        return latest == null ? Instant.MIN : latest.plus(settings.consistencyGrace());
    }
}

package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A flow log: the wish to record the IP traffic of a VPC, subnet or interface somewhere. Backends that imitate EC2
 * keep the definition; none of them delivers records.
 *
 * @param id                     e.g. {@code fl-0123456789abcdef0}
 * @param resourceId             the VPC, subnet or interface
 * @param trafficType            {@code ACCEPT}, {@code REJECT} or {@code ALL}
 * @param logDestinationType     {@code cloud-watch-logs}, {@code s3} or {@code kinesis-data-firehose}
 * @param logDestination         the destination's ARN, or null for CloudWatch Logs named by {@code logGroupName}
 * @param logGroupName           the CloudWatch Logs group, or null
 * @param deliverLogsPermissionArn the IAM role that delivers to CloudWatch Logs, or null
 * @param logFormat              the record format
 * @param maxAggregationInterval seconds (60 or 600)
 * @param createTime             when it was made
 * @param tags                   tags
 */
public record FlowLog(String id, String resourceId, String trafficType, String logDestinationType,
                      String logDestination, String logGroupName, String deliverLogsPermissionArn, String logFormat,
                      int maxAggregationInterval, Instant createTime, Map<String, String> tags) {
    /** EC2's default record format (version 2 fields). */
    public static final String DEFAULT_FORMAT = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} "
            + "${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}";

    public FlowLog {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resourceId, "resourceId");
        tags = Tags.copy(tags);
    }

    public FlowLog withTags(Map<String, String> newTags) {
        return new FlowLog(id, resourceId, trafficType, logDestinationType, logDestination, logGroupName,
                deliverLogsPermissionArn, logFormat, maxAggregationInterval, createTime, newTags);
    }
}

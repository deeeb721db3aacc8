package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;

/** EC2's flow logs: kept, never delivered. */
public interface FlowLogs extends Extension {

    /**
     * Makes a flow log for one VPC, subnet or interface, as {@code template} describes (its id, resource, time and
     * tags are ignored). An unknown resource fails with its kind's {@code NOT_FOUND}; one with a flow log of the same
     * traffic type and destination with {@code ALREADY_EXISTS} ({@code FlowLogAlreadyExists}).
     */
    FlowLog createFlowLog(String resourceId, FlowLog template, java.util.Map<String, String> tags);

    /** Every flow log. */
    List<FlowLog> flowLogs();

    /** Deletes one; an unknown id fails with {@code NOT_FOUND} ({@code InvalidFlowLogId.NotFound}). */
    void deleteFlowLog(String id);
}

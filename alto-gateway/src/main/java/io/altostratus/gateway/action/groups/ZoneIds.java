package io.altostratus.gateway.action.groups;

import io.altostratus.core.Cloud;
import io.altostratus.core.model.Zone;
import java.util.LinkedHashMap;
import java.util.Map;

/** The zone ids EC2 reports next to zone names ({@code us-east-1a} is {@code use1-az1}), read once per call. */
final class ZoneIds {
    private ZoneIds() {
    }

    /** Zone id by zone name for the session's region. */
    static Map<String, String> byName(Cloud cloud) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Zone z : cloud.zones()) {
            ids.put(z.name(), z.zoneId());
        }
        return ids;
    }
}

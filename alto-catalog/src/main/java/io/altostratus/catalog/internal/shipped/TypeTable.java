package io.altostratus.catalog.internal.shipped;

import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The instance-type table both layouts ship, one line per type: {@code name, vcpus, memoryMiB, gpus, gpuModel,
 * architectures(comma list), burstable(0|1), currentGeneration(0|1), networkPerformance, localStorageGiB}. Prices
 * are per region and live in the region files.
 */
public final class TypeTable {
    private TypeTable() {
    }

    /** The types of a table's lines, by name. */
    public static Map<String, InstanceType> read(List<String> lines) {
        Map<String, InstanceType> out = new HashMap<>(lines.size() * 2);
        for (String line : lines) {
            List<String> f = ShippedFiles.fields(line);
            out.put(f.get(0), new InstanceType(
                    f.get(0),
                    Integer.parseInt(f.get(1)),
                    Long.parseLong(f.get(2)),
                    Integer.parseInt(f.get(3)),
                    ShippedFiles.emptyToNull(f.get(4)),
                    architectures(f.get(5)),
                    null,
                    "1".equals(f.get(6)),
                    "1".equals(f.get(7)),
                    ShippedFiles.emptyToNull(f.get(8)),
                    Long.parseLong(f.get(9))));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The fields of one type's line. */
    public static String[] fields(InstanceType t) {
        return new String[] {
                t.name(), Integer.toString(t.vcpus()), Long.toString(t.memoryMiB()), Integer.toString(t.gpus()),
                TsvWriter.empty(t.gpuModel()),
                t.architectures().stream().map(Architecture::wireName).collect(Collectors.joining(",")),
                t.burstable() ? "1" : "0", t.currentGeneration() ? "1" : "0", TsvWriter.empty(t.networkPerformance()),
                Long.toString(t.localStorageGiB())};
    }

    private static List<Architecture> architectures(String field) {
        if (field.isEmpty()) {
            return List.of();
        }
        List<Architecture> out = new ArrayList<>(2);
        for (String name : field.split(",")) {
            out.add(Architecture.parse(name));
        }
        return out;
    }
}

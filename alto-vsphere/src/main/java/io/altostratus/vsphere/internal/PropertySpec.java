package io.altostratus.vsphere.internal;

import java.util.List;

/** What a property collector call reads of one type: {@code type} and the property paths. */
public record PropertySpec(String type, List<String> paths) {
    public PropertySpec {
        paths = List.copyOf(paths);
    }

    public static PropertySpec of(String type, String... paths) {
        return new PropertySpec(type, List.of(paths));
    }
}

package io.altostratus.core.spi;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds provider factories on the class path. */
public final class Providers {
    private Providers() {
    }

    public static List<ProviderFactory> available() {
        List<ProviderFactory> factories = new ArrayList<>();
        ServiceLoader.load(ProviderFactory.class).forEach(factories::add);
        return factories;
    }

    public static ProviderFactory named(String name) {
        List<ProviderFactory> all = available();
        return all.stream()
                .filter(f -> f.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new AltoException(ErrorCode.INVALID_PARAMETER, "UnknownProvider",
                        "unknown provider '" + name + "' (available: "
                                + String.join(", ", all.stream().map(ProviderFactory::name).toList()) + ")"));
    }
}

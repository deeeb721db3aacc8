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

    /**
     * The factory with this name (ignoring case); the first one on the class path when several have it. The search
     * stops there: ServiceLoader opens each jar's service file and instantiates its factory only as the iteration
     * reaches it, so opening one provider neither instantiates the others nor opens the jars after its own.
     */
    public static ProviderFactory named(String name) {
        List<String> names = new ArrayList<>();
        for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class)) {
            if (factory.name().equalsIgnoreCase(name)) {
                return factory;
            }
            names.add(factory.name());
        }
        throw new AltoException(ErrorCode.INVALID_PARAMETER, "UnknownProvider",
                "unknown provider '" + name + "' (available: " + String.join(", ", names) + ")");
    }
}

package io.altostratus.core.spi;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Finds provider factories on the class path.
 *
 * <p>A provider registers its factory for {@link ServiceLoader} and may also name it in the resource
 * {@code META-INF/alto/providers/<name>} (one line: the factory's class name). {@link #named} reads that resource
 * first: finding it stops at the jar that holds it, whereas the ServiceLoader search reads the service file of every
 * jar on the class path (more than a hundred with the cloud SDKs), opening each one, which a short command such as
 * {@code alto ls} would otherwise pay for at every start.
 */
public final class Providers {
    /** Where a provider names its factory class, under its provider name. */
    public static final String NAME_RESOURCE = "META-INF/alto/providers/";

    private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private Providers() {
    }

    public static List<ProviderFactory> available() {
        List<ProviderFactory> factories = new ArrayList<>();
        ServiceLoader.load(ProviderFactory.class).forEach(factories::add);
        return factories;
    }

    /**
     * The factory with this name (ignoring case): the one its name resource gives, else the first one on the class
     * path that ServiceLoader finds with that name. The ServiceLoader search stops there too: it opens each jar's
     * service file and instantiates its factory only as the iteration reaches it.
     */
    public static ProviderFactory named(String name) {
        ProviderFactory named = byNameResource(name);
        if (named != null) {
            return named;
        }
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

    /**
     * The factory that {@code META-INF/alto/providers/<name>} names, or null when there is no such resource or it
     * does not name a factory of that name (the ServiceLoader search then decides, and reports what is wrong).
     */
    static ProviderFactory byNameResource(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!PROVIDER_NAME.matcher(lower).matches()) {
            return null;
        }
        ClassLoader loader = Providers.class.getClassLoader();
        URL resource = loader.getResource(NAME_RESOURCE + lower);
        if (resource == null) {
            return null;
        }
        try (InputStream in = resource.openStream()) {
            String className = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            Class<?> type = Class.forName(className, true, loader);
            if (!ProviderFactory.class.isAssignableFrom(type)) {
                return null;
            }
            ProviderFactory factory = (ProviderFactory) type.getConstructor().newInstance();
            return factory.name().equalsIgnoreCase(name) ? factory : null;
        } catch (IOException | ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}

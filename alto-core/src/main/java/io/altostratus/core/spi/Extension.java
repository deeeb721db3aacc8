package io.altostratus.core.spi;

import java.util.Collection;
import java.util.Optional;

/**
 * A feature beyond the core SPI that some providers offer: volumes, key pairs, EC2's route tables, spot requests,
 * and so on. Callers ask {@link ComputeProvider#extension(Class)} (or {@code Cloud.extension}) for the interface
 * they need; a provider that does not offer it answers empty, and the façade turns that into {@code UNSUPPORTED}.
 *
 * <p>Providers may define extensions of their own (e.g. GCE firewall policies); the ones every caller knows are in
 * {@code io.altostratus.core.ext} (portable, where offered) and {@code io.altostratus.core.ec2} (EC2's).
 */
public interface Extension {

    /**
     * The first of {@code offered} that is a {@code type}: how a provider that hands out collaborators answers
     * {@link ComputeProvider#extension(Class)}.
     */
    static <T extends Extension> Optional<T> find(Class<T> type, Collection<? extends Extension> offered) {
        for (Extension e : offered) {
            if (type.isInstance(e)) {
                return Optional.of(type.cast(e));
            }
        }
        return Optional.empty();
    }
}

package io.altostratus.core.ext;

import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.InterfaceSpec;
import io.altostratus.core.spi.Extension;
import java.util.Collection;
import java.util.List;

/** Network interfaces as resources of their own, made apart from instances and attached at a device index. */
public interface NetworkInterfaces extends Extension {
    NetworkInterface createNetworkInterface(InterfaceSpec spec);

    List<NetworkInterface> networkInterfaces();

    /** The network interfaces with these ids that exist (missing ids are left out); see {@link Volumes#volumes(Collection)}. */
    List<NetworkInterface> networkInterfaces(Collection<String> ids);

    /** One page of {@link #networkInterfaces()} in id order; see {@link Volumes#volumes(PageRequest)}. */
    default Page<NetworkInterface> networkInterfaces(PageRequest page) {
        return Page.of(networkInterfaces(), page, NetworkInterface::id);
    }

    /** One page of the interfaces that carry at least one tag; see {@link Volumes#taggedVolumes(PageRequest)}. */
    default Page<NetworkInterface> taggedNetworkInterfaces(PageRequest page) {
        return Page.filtered(this::networkInterfaces, page, n -> !n.tags().isEmpty(), NetworkInterface::id);
    }

    /** Attaches at {@code deviceIndex} (at least 1: index 0 is the primary interface made at launch). */
    NetworkInterface attachNetworkInterface(String interfaceId, String instanceId, int deviceIndex);

    NetworkInterface detachNetworkInterface(String interfaceId, boolean force);

    void deleteNetworkInterface(String interfaceId);
}

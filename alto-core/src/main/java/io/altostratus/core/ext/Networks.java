package io.altostratus.core.ext;

import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spi.Extension;
import java.util.List;

/** Virtual networks and their subnets (zonal or regional). */
public interface Networks extends Extension {
    Network createNetwork(NetworkSpec spec);

    List<Network> networks();

    /**
     * Deletes a network. Without {@code cascade} a network that still holds subnets, non-default security groups,
     * interfaces or other dependants fails with {@code DEPENDENCY_VIOLATION}; with it, those go first (EC2 internet
     * gateways are detached, not deleted). Running instances always block.
     */
    void deleteNetwork(String networkId, boolean cascade);

    Subnet createSubnet(SubnetSpec spec);

    List<Subnet> subnets();

    void deleteSubnet(String subnetId);
}

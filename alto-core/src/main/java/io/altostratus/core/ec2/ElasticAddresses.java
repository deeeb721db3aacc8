package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/** Elastic (allocated) public addresses: allocated, associated with an instance or interface, released. */
public interface ElasticAddresses extends Extension {
    Address allocateAddress(Map<String, String> tags);

    List<Address> addresses();

    /**
     * Associates an address with an instance (its primary interface) or an interface; give exactly one of them.
     * An address associated elsewhere fails with {@code ALREADY_EXISTS} ({@code Resource.AlreadyAssociated})
     * unless {@code allowReassociation}. A public address the target had is replaced. Returns the address as
     * associated.
     */
    Address associateAddress(String allocationId, String instanceId, String networkInterfaceId,
                             boolean allowReassociation);

    /** Ends an association by its id; the instance gets an ordinary public address again where its subnet maps one. */
    void disassociateAddress(String associationId);

    /** Gives an address back; an associated one fails with {@code INVALID_STATE} ({@code InvalidIPAddress.InUse}). */
    void releaseAddress(String allocationId);
}

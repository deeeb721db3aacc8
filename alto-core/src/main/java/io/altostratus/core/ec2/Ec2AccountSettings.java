package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.Map;

/**
 * EC2's per-account, per-region settings that change no resource: serial console access, the instance metadata
 * defaults for new instances, and the default CPU credit option of each burstable family.
 */
public interface Ec2AccountSettings extends Extension {

    /** Whether the account may open serial consoles here (EC2's default: no). */
    boolean serialConsoleAccess();

    /** Sets serial console access and returns the new value. */
    boolean setSerialConsoleAccess(boolean enabled);

    /**
     * The account's instance metadata defaults. A null field is "no preference" (EC2's own default applies).
     *
     * @param httpTokens           {@code optional} or {@code required}
     * @param httpPutResponseHopLimit 1 to 64
     * @param httpEndpoint         {@code enabled} or {@code disabled}
     * @param instanceMetadataTags {@code enabled} or {@code disabled}
     */
    record MetadataDefaults(String httpTokens, Integer httpPutResponseHopLimit, String httpEndpoint,
                            String instanceMetadataTags) {
        public static final MetadataDefaults NONE = new MetadataDefaults(null, null, null, null);
    }

    MetadataDefaults metadataDefaults();

    /** Replaces the defaults the change names ({@code -1} for the hop limit and {@code no-preference} clear one). */
    MetadataDefaults modifyMetadataDefaults(MetadataDefaults change);

    /**
     * The default CPU credit option ({@code standard} or {@code unlimited}) of each burstable family this region
     * offers, by family ({@code t2}, {@code t3}, ...).
     */
    Map<String, String> defaultCreditSpecifications();

    /**
     * Sets a family's default. A family that is not burstable here, or an option other than {@code standard} and
     * {@code unlimited}, fails with {@code INVALID_PARAMETER}.
     */
    String setDefaultCreditSpecification(String family, String cpuCredits);
}

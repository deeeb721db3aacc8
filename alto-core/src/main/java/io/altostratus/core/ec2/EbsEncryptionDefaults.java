package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;

/**
 * EC2's EBS encryption by default, per account and region: Get/Enable/DisableEbsEncryptionByDefault and
 * Get/Modify/ResetEbsDefaultKmsKeyId. Backends that offer it encrypt volumes made after it is enabled.
 */
public interface EbsEncryptionDefaults extends Extension {

    /** The defaults as they stand (off, with the AWS-managed key, until changed). */
    EbsEncryption ebsEncryption();

    /** Turns encryption by default on or off and returns the new defaults. */
    EbsEncryption setEbsEncryptionByDefault(boolean enabled);

    /**
     * Makes {@code kmsKeyId} (a key id, key ARN, alias name or alias ARN) the default key; a value of none of those
     * forms fails with {@code INVALID_PARAMETER}. The key is kept as an ARN.
     */
    EbsEncryption setEbsDefaultKmsKeyId(String kmsKeyId);

    /** Goes back to the AWS-managed key. */
    EbsEncryption resetEbsDefaultKmsKeyId();
}

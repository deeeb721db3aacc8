package io.altostratus.core.ec2;

/**
 * An account's EBS encryption defaults in one region: whether new volumes are encrypted whatever the call says, and
 * the KMS key they are encrypted with when the call names none.
 *
 * @param byDefault whether encryption by default is on
 * @param kmsKeyId  the default key (an ARN); EC2's own {@code alias/aws/ebs} key unless changed
 */
public record EbsEncryption(boolean byDefault, String kmsKeyId) {
}

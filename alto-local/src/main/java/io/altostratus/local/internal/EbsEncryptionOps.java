package io.altostratus.local.internal;

import io.altostratus.core.ec2.EbsEncryption;
import io.altostratus.core.ec2.EbsEncryptionDefaults;
import io.altostratus.store.StateView;
import java.util.regex.Pattern;

/**
 * EBS encryption by default: one document per account and region. No document means EC2's defaults (off, with
 * the AWS-managed {@code alias/aws/ebs} key). An instance is a session's {@link EbsEncryptionDefaults}.
 */
public final class EbsEncryptionOps implements EbsEncryptionDefaults {
    static final String KIND = "local.ebs-encryption";
    private static final String ID = "defaults";
    private static final Pattern KEY_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}");
    private static final Pattern ALIAS = Pattern.compile("alias/[A-Za-z0-9/_-]{1,250}");
    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key/(" + KEY_ID.pattern() + ")|" + ALIAS.pattern() + ")");

    /** The defaults as stored; a null key means the AWS-managed one. */
    public record EncryptionDoc(boolean byDefault, String kmsKeyArn) {
    }

    private final Session session;
    private final Env env;

    public EbsEncryptionOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    /** The account's defaults in the session's region, for whatever makes volumes. */
    public static EbsEncryption current(StateView view, Env env) {
        EncryptionDoc doc = view.get(KIND, env.scope(), ID, EncryptionDoc.class).orElse(new EncryptionDoc(false, null));
        return new EbsEncryption(doc.byDefault(), doc.kmsKeyArn() == null ? managedKey(env) : doc.kmsKeyArn());
    }

    @Override
    public EbsEncryption ebsEncryption() {
        return session.read(view -> current(view, env));
    }

    @Override
    public EbsEncryption setEbsEncryptionByDefault(boolean enabled) {
        return session.write(tx -> {
            EncryptionDoc doc = tx.get(KIND, env.scope(), ID, EncryptionDoc.class)
                    .orElse(new EncryptionDoc(false, null));
            tx.put(KIND, env.scope(), ID, new EncryptionDoc(enabled, doc.kmsKeyArn()));
            return current(tx, env);
        });
    }

    @Override
    public EbsEncryption setEbsDefaultKmsKeyId(String kmsKeyId) {
        String arn = toArn(kmsKeyId);
        return session.write(tx -> {
            EncryptionDoc doc = tx.get(KIND, env.scope(), ID, EncryptionDoc.class)
                    .orElse(new EncryptionDoc(false, null));
            tx.put(KIND, env.scope(), ID, new EncryptionDoc(doc.byDefault(), arn));
            return current(tx, env);
        });
    }

    @Override
    public EbsEncryption resetEbsDefaultKmsKeyId() {
        return session.write(tx -> {
            EncryptionDoc doc = tx.get(KIND, env.scope(), ID, EncryptionDoc.class)
                    .orElse(new EncryptionDoc(false, null));
            tx.put(KIND, env.scope(), ID, new EncryptionDoc(doc.byDefault(), null));
            return current(tx, env);
        });
    }

    /** EC2 keeps whatever form it was given as an ARN of this account and region. */
    private String toArn(String kmsKeyId) {
        if (kmsKeyId == null || kmsKeyId.isBlank()) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter KmsKeyId");
        }
        String prefix = "arn:aws:kms:" + env.region() + ":" + env.account() + ":";
        if (ARN.matcher(kmsKeyId).matches()) {
            return kmsKeyId;
        }
        if (KEY_ID.matcher(kmsKeyId).matches()) {
            return prefix + "key/" + kmsKeyId;
        }
        if (ALIAS.matcher(kmsKeyId).matches()) {
            return prefix + kmsKeyId;
        }
        throw Errors.invalidValue("Value (" + kmsKeyId + ") for parameter KmsKeyId is invalid. Expected a key id, "
                + "key ARN, alias name or alias ARN.");
    }

    private static String managedKey(Env env) {
        return "arn:aws:kms:" + env.region() + ":" + env.account() + ":alias/aws/ebs";
    }
}

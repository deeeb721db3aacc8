package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.IamInstanceProfileAssociation;
import io.altostratus.core.ec2.IamInstanceProfiles;
import io.altostratus.core.model.InstanceState;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * IAM instance profile associations, stored by association id with the time their transition settles
 * ({@code associating} becomes {@code associated}, {@code disassociating} becomes {@code disassociated}).
 * There is no IAM here: a profile is taken as named, its ARN made from the name and the account when only a name is
 * given. Ended associations stay listed for an hour. An instance is a session's {@link IamInstanceProfiles}.
 */
public final class IamInstanceProfileOps implements IamInstanceProfiles {
    static final String KIND = "local.iam-instance-profile-association";
    static final long ENDED_VISIBLE_MS = 60 * 60 * 1000L;
    private static final String ARN_PREFIX = "arn:aws:iam::";
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /** An association as stored: its state holds until {@code settlesAt}; {@code endedAt} is when it ended. */
    public record AssociationDoc(IamInstanceProfileAssociation association, long settlesAt, long endedAt) {
    }

    private final Session session;
    private final Env env;

    public IamInstanceProfileOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public IamInstanceProfileAssociation associate(String instanceId, String profileArn, String profileName) {
        String arn = arn(profileArn, profileName);
        return session.write(tx -> {
            InstanceDoc instance = Lookup.instance(tx, env, instanceId);
            if (instance.state() == InstanceState.TERMINATED || instance.state() == InstanceState.TERMINATING) {
                throw Errors.incorrectInstanceState(instanceId, instance.state().wireName(),
                        "given an IAM instance profile");
            }
            for (IamInstanceProfileAssociation a : list(tx)) {
                if (a.isLive() && a.instanceId().equals(instanceId)) {
                    throw Errors.state("IncorrectState", "There is an existing association for instance "
                            + instanceId);
                }
            }
            return begin(tx, instanceId, arn);
        });
    }

    @Override
    public List<IamInstanceProfileAssociation> associations() {
        return session.read(this::list);
    }

    @Override
    public IamInstanceProfileAssociation replace(String associationId, String profileArn, String profileName) {
        String arn = arn(profileArn, profileName);
        return session.write(tx -> {
            IamInstanceProfileAssociation old = live(tx, associationId);
            end(tx, old, IamInstanceProfileAssociation.DISASSOCIATED, env.now());
            return begin(tx, old.instanceId(), arn);
        });
    }

    @Override
    public IamInstanceProfileAssociation disassociate(String associationId) {
        return session.write(tx -> {
            IamInstanceProfileAssociation a = live(tx, associationId);
            return end(tx, a, IamInstanceProfileAssociation.DISASSOCIATING, env.settleTime());
        });
    }

    private IamInstanceProfileAssociation begin(StateTx tx, String instanceId, String arn) {
        IamInstanceProfileAssociation made = new IamInstanceProfileAssociation(
                Ec2IdKind.IAM_INSTANCE_PROFILE_ASSOCIATION.mint(), instanceId, arn, profileId(arn),
                IamInstanceProfileAssociation.ASSOCIATING, Env.instant(env.now()));
        tx.put(KIND, env.scope(), made.id(), new AssociationDoc(made, env.settleTime(), 0));
        return made;
    }

    private IamInstanceProfileAssociation end(StateTx tx, IamInstanceProfileAssociation a, String state,
                                              long endsAt) {
        IamInstanceProfileAssociation ended = a.withState(state);
        tx.put(KIND, env.scope(), a.id(), new AssociationDoc(ended, endsAt, endsAt));
        return ended;
    }

    private IamInstanceProfileAssociation live(StateView view, String id) {
        Ec2IdKind.IAM_INSTANCE_PROFILE_ASSOCIATION.check(id);
        AssociationDoc doc = view.get(KIND, env.scope(), id, AssociationDoc.class).orElse(null);
        IamInstanceProfileAssociation a = doc == null ? null : settled(doc, env.now());
        if (a == null || !a.isLive()) {
            throw Ec2IdKind.IAM_INSTANCE_PROFILE_ASSOCIATION.notFound(id);
        }
        return a;
    }

    private List<IamInstanceProfileAssociation> list(StateView view) {
        List<IamInstanceProfileAssociation> out = new ArrayList<>();
        long now = env.now();
        for (AssociationDoc doc : view.list(KIND, env.scope(), AssociationDoc.class)) {
            if (doc.endedAt() == 0 || now - doc.endedAt() <= ENDED_VISIBLE_MS) {
                out.add(settled(doc, now));
            }
        }
        return out;
    }

    /** The live association of each instance that has one (DescribeInstances shows its profile). */
    static IamInstanceProfileAssociation ofInstance(StateView view, Env env, String instanceId) {
        for (AssociationDoc doc : view.list(KIND, env.scope(), AssociationDoc.class)) {
            IamInstanceProfileAssociation a = settled(doc, env.now());
            if (a.isLive() && a.instanceId().equals(instanceId)) {
                return a;
            }
        }
        return null;
    }

    private static IamInstanceProfileAssociation settled(AssociationDoc doc, long now) {
        IamInstanceProfileAssociation a = doc.association();
        if (now < doc.settlesAt()) {
            return a;
        }
        return switch (a.state()) {
            case IamInstanceProfileAssociation.ASSOCIATING -> a.withState(IamInstanceProfileAssociation.ASSOCIATED);
            case IamInstanceProfileAssociation.DISASSOCIATING ->
                    a.withState(IamInstanceProfileAssociation.DISASSOCIATED);
            default -> a;
        };
    }

    /** The profile's ARN: as given, or made from the name in this account (IAM profiles live under path /). */
    private String arn(String profileArn, String profileName) {
        if (profileArn == null && profileName == null) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter IamInstanceProfile"
                    + " (Arn or Name)");
        }
        if (profileArn != null) {
            if (!profileArn.startsWith(ARN_PREFIX) || !profileArn.contains(":instance-profile/")) {
                throw Errors.invalidValue("Value (" + profileArn + ") for parameter iamInstanceProfile.arn is"
                        + " invalid. Invalid IAM Instance Profile ARN");
            }
            return profileArn;
        }
        if (profileName.isEmpty() || profileName.length() > 128 || !profileName.matches("[\\w+=,.@-]+")) {
            throw Errors.invalidValue("Value (" + profileName + ") for parameter iamInstanceProfile.name is"
                    + " invalid. Invalid IAM Instance Profile name");
        }
        return ARN_PREFIX + env.account() + ":instance-profile/" + profileName;
    }

    /**
     * An id in IAM's shape for instance profiles ({@code AIPA} and 17 base-32 characters), derived from the ARN so a
     * profile keeps its id across associations.
     */
    static String profileId(String arn) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder id = new StringBuilder("AIPA");
        for (int i = 0; i < 17; i++) {
            id.append(ID_ALPHABET.charAt((digest[i] & 0xff) % ID_ALPHABET.length()));
        }
        return id.toString();
    }
}

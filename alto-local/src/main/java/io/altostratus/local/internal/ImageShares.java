package io.altostratus.local.internal;

import io.altostratus.core.ec2.SharingPermissions;
import io.altostratus.core.model.Image;
import io.altostratus.local.internal.Docs.ImageDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Images shared with other accounts. Each account's documents live in its own scope, so an image another account
 * may launch is found through an index in the global scope: one entry per shared image naming its owner's scope and
 * who it is shared with, written whenever the image's launch permissions change.
 */
final class ImageShares {
    static final String KIND = "local.image-share";

    /** A shared image: where its document lives and who may launch it. */
    record ShareDoc(String imageId, String ownerScope, String region, SharingPermissions permissions) {
    }

    private ImageShares() {
    }

    /** Records (or, when no one is left, removes) the image's shares. */
    static void update(StateTx tx, Env env, String imageId, SharingPermissions permissions) {
        if (permissions.isEmpty()) {
            tx.delete(KIND, Env.GLOBAL_SCOPE, imageId);
        } else {
            tx.put(KIND, Env.GLOBAL_SCOPE, imageId, new ShareDoc(imageId, env.scope(), env.region(), permissions));
        }
    }

    /** Other accounts' images of this region this account may launch, public ones reading as public. */
    static List<Image> visible(StateView view, Env env) {
        List<Image> out = new ArrayList<>();
        for (ShareDoc share : view.list(KIND, Env.GLOBAL_SCOPE, ShareDoc.class)) {
            image(view, env, share).ifPresent(out::add);
        }
        return out;
    }

    /** The shares of other accounts' images of this region that name this account (or everyone). */
    static List<ShareDoc> sharesWithMe(StateView view, Env env) {
        List<ShareDoc> out = new ArrayList<>();
        for (ShareDoc share : view.list(KIND, Env.GLOBAL_SCOPE, ShareDoc.class)) {
            if (sharedWithMe(env, share)) {
                out.add(share);
            }
        }
        return out;
    }

    private static boolean sharedWithMe(Env env, ShareDoc share) {
        return !share.ownerScope().equals(env.scope()) && share.region().equals(env.region())
                && (share.permissions().everyone() || share.permissions().userIds().contains(env.account()));
    }

    /** The shared image with that id, when this account may launch it. */
    static Optional<Image> find(StateView view, Env env, String imageId) {
        return view.get(KIND, Env.GLOBAL_SCOPE, imageId, ShareDoc.class).flatMap(s -> image(view, env, s));
    }

    private static Optional<Image> image(StateView view, Env env, ShareDoc share) {
        if (!sharedWithMe(env, share)) {
            return Optional.empty();
        }
        return view.get(Docs.IMAGE, share.ownerScope(), share.imageId(), ImageDoc.class).map(d -> {
            Image i = ImageOps.view(d, env.now());
            return new Image(i.id(), i.name(), i.description(), i.ownerId(), i.ownerAlias(), i.distro(),
                    i.release(), i.architecture(), i.state(), share.permissions().everyone(), i.rootDeviceName(),
                    i.rootSizeGiB(), i.snapshotIds(), i.sourceInstanceId(), i.creationDate(), i.tags());
        });
    }
}

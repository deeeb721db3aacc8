package io.altostratus.gateway.arm.internal;

import io.altostratus.core.model.Image;
import io.altostratus.core.query.ImageQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Marketplace images: a backend image whose id is a URN {@code publisher:offer:sku:version} is that marketplace
 * image. A URN whose version is {@code latest} (the shipped catalog's) stands for the newest build, which is listed
 * under a concrete version made from its creation date ({@code yyyy.MMdd.0}), so that version lists and
 * {@code exactVersion} look as Azure's do; a request for {@code latest} or that version gets the same image.
 */
public final class Images {
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyy.MMdd").withZone(ZoneOffset.UTC);

    /** A backend image seen as a marketplace image. */
    public record Marketplace(String publisher, String offer, String sku, String version, Image image) {
    }

    /** How long a region's marketplace listing is reused: answers that show many VMs ask for it once. */
    private static final Duration FRESH = Duration.ofSeconds(30);

    private record Listing(List<Marketplace> images, Instant at) {
    }

    private final Sessions sessions;
    private final Clock clock;
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();

    public Images(Sessions sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * The marketplace images of a region (backend images whose ids are URNs), listed at most every
     * {@link #FRESH}: publishers' images change rarely, and a VM list shows each VM's {@code exactVersion}.
     */
    public List<Marketplace> marketplace(String subscription, String region) {
        String key = subscription + '\u0000' + region;
        Instant now = clock.instant();
        Listing known = listings.get(key);
        if (known != null && known.at().plus(FRESH).isAfter(now)) {
            return known.images();
        }
        List<Marketplace> fresh = list(subscription, region);
        listings.put(key, new Listing(fresh, now));
        return fresh;
    }

    private List<Marketplace> list(String subscription, String region) {
        List<Marketplace> out = new ArrayList<>();
        for (Image image : sessions.cloud(subscription, region).images(ImageQuery.all())) {
            String[] urn = image.id().split(":");
            if (urn.length != 4) {
                continue;
            }
            String version = urn[3];
            if (version.equalsIgnoreCase("latest")) {
                version = image.creationDate() == null ? "1.0.0" : VERSION.format(image.creationDate()) + ".0";
            }
            out.add(new Marketplace(urn[0], urn[1], urn[2], version, image));
        }
        return List.copyOf(out);
    }

    /** The image for an imageReference's publisher, offer, sku and version ({@code latest}: the newest). */
    public Marketplace resolve(String subscription, String region, String publisher, String offer, String sku,
                               String version) {
        List<Marketplace> matches = new ArrayList<>();
        for (Marketplace m : marketplace(subscription, region)) {
            if (eq(m.publisher(), publisher) && eq(m.offer(), offer) && eq(m.sku(), sku)
                    && (version == null || version.equalsIgnoreCase("latest") || eq(m.version(), version)
                    || m.image().id().endsWith(":" + version))) {
                matches.add(m);
            }
        }
        return matches.stream().max(Comparator.comparing(m -> m.image().creationDate(),
                Comparator.nullsFirst(Comparator.naturalOrder()))).orElseThrow(() -> new ArmException(404,
                "PlatformImageNotFound", "The platform image '" + publisher + ":" + offer + ":" + sku + ":"
                + version + "' is not available. Verify that all fields in the storage profile are correct. For "
                + "more details about storage profile information, please refer to https://aka.ms/storageprofile"));
    }

    private static boolean eq(String a, String b) {
        return a != null && b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}

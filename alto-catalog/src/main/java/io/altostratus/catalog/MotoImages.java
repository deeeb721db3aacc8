package io.altostratus.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The images moto (the AWS mock) offers in every region, by their moto ids ({@code ami-12c6146b} and friends), so a
 * test suite written against moto finds the images it names. The list is moto's own data file, shipped as it is
 * (Apache-2.0, see NOTICE). Ids that are not EC2-shaped ({@code ami-ekswin}: moto accepts any text) are left out,
 * since no EC2 client could name them without a Malformed error.
 */
public final class MotoImages {
    static final String RESOURCE = "/io/altostratus/catalog/aws/moto-default-amis.json.gz";
    /**
     * moto's file gives no creation date. This one (the date in most of its image names) keeps them older than
     * every image of the shipped catalog, so "most recent" lookups by owner and name never pick them by accident.
     */
    static final Instant CREATED = Instant.parse("2017-10-13T00:00:00Z");
    private static final Map<String, String> OWNER_ALIASES = Map.of("801119661308", "amazon",
            "137112412989", "amazon", "013907871322", "amazon");

    private static volatile List<Image> images;

    private MotoImages() {
    }

    /** moto's default images, read once. */
    public static List<Image> all() {
        List<Image> loaded = images;
        if (loaded == null) {
            synchronized (MotoImages.class) {
                if (images == null) {
                    images = read();
                }
                loaded = images;
            }
        }
        return loaded;
    }

    private static List<Image> read() {
        try (InputStream raw = MotoImages.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode list = new ObjectMapper().readTree(new GZIPInputStream(raw));
            List<Image> out = new ArrayList<>();
            for (JsonNode n : list) {
                String id = n.path("ami_id").asText();
                if (!Ec2IdKind.IMAGE.isWellFormed(id)) {
                    continue;
                }
                String owner = n.path("owner_id").asText();
                boolean windows = "windows".equalsIgnoreCase(n.path("platform").asText(""));
                out.add(new Image(id, n.path("name").asText(), n.path("description").asText(null), owner,
                        OWNER_ALIASES.get(owner), null, null, Architecture.parse(n.path("architecture").asText()),
                        n.path("state").asText(Image.AVAILABLE), n.path("public").asBoolean(true),
                        n.path("root_device_name").asText("/dev/sda1"), windows ? 30 : 8, List.of(), null, CREATED,
                        Map.of()));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}

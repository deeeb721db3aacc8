package io.altostratus.aws;

import static io.altostratus.aws.Ec2Filters.filter;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.aws.internal.ImageAliases;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.TagFilter;
import io.altostratus.core.wait.Retrier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Images: listing, resolving aliases (through SSM's public parameters where it answers), making and deleting. Making
 * an image does not wait for it: callers wait with {@code Cloud.waitForImage}, which polls {@link #images}.
 */
final class AwsImages {
    private volatile boolean ssmAnswers = true;

    private final AwsContext context;
    private final Ec2Client ec2;
    private final SsmClient ssm;
    private final String region;
    private final Retrier retrier;

    AwsImages(AwsContext context) {
        this.context = context;
        this.ec2 = context.ec2();
        this.ssm = context.ssm();
        this.region = context.region();
        this.retrier = context.retrier();
    }

    List<Image> images(ImageQuery query) {
        DescribeImagesRequest.Builder r = DescribeImagesRequest.builder();
        List<Filter> filters = new ArrayList<>();
        Set<String> owners = new LinkedHashSet<>(query.owners());
        if (!query.ids().isEmpty()) {
            r.imageIds(query.ids());
        }
        if (query.distro() != null) {
            ImageAliases.Lookup lookup = ImageAliases.lookup(query.distro(),
                    query.release() == null ? "*" : query.release(), query.architecture());
            if (owners.isEmpty()) {
                owners.addAll(lookup.owners());
            }
            filters.add(filter("name", lookup.namePattern()));
        }
        if (query.namePattern() != null) {
            filters.add(filter("name", query.namePattern()));
        }
        if (query.architecture() != null) {
            filters.add(filter("architecture", query.architecture().wireName()));
        }
        for (TagFilter t : query.tags()) {
            filters.add(t.values().isEmpty() ? filter("tag-key", t.key()) : filter("tag:" + t.key(), t.values()));
        }
        if (!owners.isEmpty()) {
            r.owners(owners);
        } else if (query.ids().isEmpty() && filters.isEmpty()) {
            // All public images of a real region are hundreds of thousands; unasked, list the account's own.
            r.owners("self");
        }
        if (!filters.isEmpty()) {
            r.filters(filters);
        }
        DescribeImagesRequest request = r.build();
        return retrier.callUntilVisible("DescribeImages", context.visibleBy(query.ids()),
                        () -> ec2.describeImages(request))
                .images().stream().map(Ec2Convert::image).filter(query::matchesIgnoringOwner)
                .sorted(Comparator.comparing(Image::creationDate, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .reversed())
                .toList();
    }

    Image resolveImage(ImageRef ref) {
        if (!ref.isAlias()) {
            List<Image> found = images(new ImageQuery(Set.of(ref.id()), null, null, null, null, null, null));
            if (found.isEmpty()) {
                throw AltoException.notFound("InvalidAMIID.NotFound", "The image id '[" + ref.id() + "]' does not exist");
            }
            return found.get(0);
        }
        ImageAliases.Lookup lookup = ImageAliases.lookup(ref.distro(), ref.release(), ref.architecture());
        String fromSsm = ssmImageId(lookup);
        if (fromSsm != null) {
            List<Image> found = retrier.call("DescribeImages", () -> ec2.describeImages(r -> r.imageIds(fromSsm)))
                    .images().stream().map(Ec2Convert::image).toList();
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        return retrier.call("DescribeImages", () -> ec2.describeImages(r -> r.owners(lookup.owners())
                        .filters(filter("name", lookup.namePattern()),
                                filter("architecture", ref.architecture().wireName()),
                                filter("state", Image.AVAILABLE))))
                .images().stream().map(Ec2Convert::image)
                .filter(i -> Image.AVAILABLE.equals(i.state()))
                .max(Comparator.comparing(Image::creationDate, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Image::name, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElseThrow(() -> AltoException.notFound("InvalidAMIID.NotFound",
                        "no available image for " + ref + " in " + region));
    }

    /**
     * The image id SSM's public parameters name for the alias, or null. An endpoint without SSM (most EC2-compatible
     * ones) is asked once per session: any failure other than "no such parameter" turns SSM off for the session.
     */
    private String ssmImageId(ImageAliases.Lookup lookup) {
        if (ssm == null || !ssmAnswers) {
            return null;
        }
        for (String name : lookup.ssmParameters()) {
            try {
                String value = ssm.getParameter(r -> r.name(name)).parameter().value();
                if (value != null && value.startsWith("ami-")) {
                    return value;
                }
            } catch (software.amazon.awssdk.services.ssm.model.ParameterNotFoundException e) {
                continue;
            } catch (SdkException e) {
                ssmAnswers = false;
                return null;
            }
        }
        return null;
    }

    Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        String id = retrier.callUntilVisible("CreateImage", context.visibleBy(List.of(instanceId)),
                () -> ec2.createImage(r -> r.instanceId(instanceId).name(name).description(description)
                        .tagSpecifications(context.tagSpec(ResourceType.IMAGE, tags),
                                context.tagSpec(ResourceType.SNAPSHOT, tags))))
                .imageId();
        context.remember(id);
        return resolveImage(new ImageRef(id, null, null, null));
    }

    void deleteImage(String imageId, boolean deleteSnapshots) {
        Image image = resolveImage(new ImageRef(imageId, null, null, null));
        retrier.run("DeregisterImage", () -> ec2.deregisterImage(r -> r.imageId(imageId)));
        if (deleteSnapshots) {
            for (String snapshot : image.snapshotIds()) {
                try {
                    retrier.run("DeleteSnapshot", () -> ec2.deleteSnapshot(r -> r.snapshotId(snapshot)));
                } catch (AltoException e) {
                    // Public images report snapshots this account does not own; those are not ours to delete.
                    if (e.code() != ErrorCode.NOT_FOUND && e.code() != ErrorCode.AUTH_FAILURE) {
                        throw e;
                    }
                }
            }
        }
    }
}

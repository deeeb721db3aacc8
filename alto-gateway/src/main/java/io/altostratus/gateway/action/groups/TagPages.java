package io.altostratus.gateway.action.groups;

import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Instance;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.query.TagFilter;
import io.altostratus.core.spi.Capability;
import io.altostratus.gateway.filter.FilterSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.TagDescription;

/**
 * One page of DescribeTags, in (resource id, key) order, from where the last page ended. Kinds are visited in the
 * order of their id prefixes, which is the order of their ids (prefixes end in a dash, so no two kinds interleave);
 * instances, the kind a large account has most of, are walked through the backend's own pages from the position on,
 * so a page costs what it holds; volumes and network interfaces, which a fleet has as many of and seldom tags, through
 * the backend's pages of the tagged ones only. Other kinds are listed whole, as they are few.
 */
final class TagPages {

    /** Where a page ended: the last description's resource id and key. */
    record Position(String resourceId, String key) {
        static Position parse(String text) {
            if (text == null) {
                return null;
            }
            int nul = text.indexOf('\u0000');
            if (nul < 0) {
                throw new IllegalArgumentException("not a position");
            }
            return new Position(text.substring(0, nul), text.substring(nul + 1));
        }

        String text() {
            return resourceId + '\u0000' + key;
        }
    }

    /** A page and where the next one starts (null after the last). */
    record Result(List<TagDescription> tags, Position next) {
    }

    private final Cloud cloud;
    private final String account;
    private final FilterSet<TagDescription> filters;
    private final List<Filter> requestFilters;
    private final int limit;
    private final List<TagDescription> out = new ArrayList<>();

    TagPages(Cloud cloud, String account, FilterSet<TagDescription> filters, List<Filter> requestFilters, int limit) {
        this.cloud = cloud;
        this.account = account;
        this.filters = filters;
        this.requestFilters = requestFilters;
        this.limit = limit;
    }

    Result page(Set<TaggedResources> kinds, Position from) {
        List<TaggedResources> ordered = new ArrayList<>(kinds);
        ordered.sort(Comparator.comparing(TaggedResources::idPrefix));
        for (TaggedResources kind : ordered) {
            String prefix = kind.idPrefix();
            if (from != null && !from.resourceId().startsWith(prefix) && from.resourceId().compareTo(prefix) > 0) {
                continue; // every id of this kind came before the position
            }
            Position within = from != null && from.resourceId().startsWith(prefix) ? from : null;
            boolean full = switch (kind) {
                case INSTANCE -> instances(within);
                case VOLUME -> paged(kind, within, request -> Checks.extension(cloud, Volumes.class)
                        .taggedVolumes(request)
                        .map(v -> new TaggedResources.Tagged(v.id(), v.tags())), Capability.VOLUMES);
                case NETWORK_INTERFACE -> paged(kind, within, request -> Checks.extension(cloud,
                        NetworkInterfaces.class).taggedNetworkInterfaces(request)
                        .map(n -> new TaggedResources.Tagged(n.id(), n.tags())), Capability.NETWORK_INTERFACES);
                default -> listed(kind, within);
            };
            if (full) {
                TagDescription last = out.get(out.size() - 1);
                return new Result(out, new Position(last.resourceId(), last.key()));
            }
        }
        return new Result(out, null);
    }

    /** Adds one resource's descriptions after the position; true once the page is full and one more matched. */
    private boolean add(TaggedResources kind, String id, Map<String, String> tags, Position from) {
        List<TagDescription> descriptions = new ArrayList<>(tags.size());
        for (Map.Entry<String, String> tag : new TreeMap<>(tags).entrySet()) {
            if (from != null && id.equals(from.resourceId()) && tag.getKey().compareTo(from.key()) <= 0) {
                continue;
            }
            descriptions.add(TagDescription.builder().resourceId(id).resourceType(kind.resourceType())
                    .key(tag.getKey()).value(tag.getValue()).build());
        }
        for (TagDescription description : filters.apply(descriptions, requestFilters)) {
            if (out.size() == limit) {
                return true;
            }
            out.add(description);
        }
        return false;
    }

    private boolean listed(TaggedResources kind, Position from) {
        List<TaggedResources.Tagged> resources = new ArrayList<>(kind.list(cloud, account));
        resources.sort(Comparator.comparing(TaggedResources.Tagged::id));
        for (TaggedResources.Tagged resource : resources) {
            if (from != null && resource.id().compareTo(from.resourceId()) < 0) {
                continue;
            }
            if (add(kind, resource.id(), resource.tags(), from)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A kind as large as the instances (a volume and an interface per instance) walked through its backend's pages
     * from the position on; the resource the position names is read again and only its later keys given.
     */
    private boolean paged(TaggedResources kind, Position from,
                          java.util.function.Function<PageRequest, Page<TaggedResources.Tagged>> pages,
                          Capability capability) {
        if (!cloud.supports(capability)) {
            return false;
        }
        return walk(kind, new PageRequest(limit, from == null ? null : previous(from.resourceId())), pages, from);
    }

    /** Adds the resources of the backend's pages from {@code request} on; true once the page is full. */
    private boolean walk(TaggedResources kind, PageRequest request,
                         java.util.function.Function<PageRequest, Page<TaggedResources.Tagged>> pages, Position from) {
        while (true) {
            Page<TaggedResources.Tagged> page = pages.apply(request);
            for (TaggedResources.Tagged resource : page.items()) {
                if (add(kind, resource.id(), resource.tags(), from)) {
                    return true;
                }
            }
            if (!page.hasNext()) {
                return false;
            }
            request = request.next(page.nextCursor());
        }
    }

    /**
     * A cursor just before {@code id}: pages start after their cursor, and the walk must include the resource the
     * last page ended in. Ids are ASCII, so the id with its last character lowered by one, followed by the highest
     * character, sorts right before it and after everything that sorts before it.
     */
    private static String previous(String id) {
        char last = id.charAt(id.length() - 1);
        return id.substring(0, id.length() - 1) + (char) (last - 1) + '\uffff';
    }

    private boolean instances(Position from) {
        InstanceQuery query = pushDown();
        if (from != null) {
            // The resource the last page ended in may have descriptions left; the walk resumes after it.
            try {
                Instance current = cloud.instance(from.resourceId());
                if (query.matches(current) && add(TaggedResources.INSTANCE, current.id(), current.tags(), from)) {
                    return true;
                }
            } catch (AltoException gone) {
                if (gone.code() != ErrorCode.NOT_FOUND) {
                    throw gone;
                }
            }
        }
        // Instance pages start after an id (the backend's, which a decorator may translate), so the resource the last
        // page ended in was read above and the walk goes on after it.
        return walk(TaggedResources.INSTANCE, new PageRequest(limit, from == null ? null : from.resourceId()),
                request -> cloud.instances(query, request).map(i -> new TaggedResources.Tagged(i.id(), i.tags())),
                null);
    }

    /**
     * The instances worth walking: a {@code key} filter with one exact key (and a {@code value} filter with exact
     * values) is a tag criterion the backend can answer from its index. The filters still judge every description.
     */
    private InstanceQuery pushDown() {
        String key = null;
        List<String> values = null;
        for (Filter f : requestFilters) {
            List<String> given = f.hasValues() ? f.values() : List.of();
            boolean exact = !given.isEmpty() && given.stream().noneMatch(v -> v == null || v.contains("*")
                    || v.contains("?") || v.contains("\\"));
            if ("key".equals(f.name()) && exact && given.size() == 1) {
                key = given.get(0);
            } else if ("value".equals(f.name()) && exact) {
                values = given;
            }
        }
        if (key == null) {
            return InstanceQuery.all();
        }
        return InstanceQuery.builder().tag(values == null ? TagFilter.exists(key) : new TagFilter(key, values))
                .build();
    }
}

package io.altostratus.gateway.action.groups;

import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTagsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTagsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;

/** Tags on any resource the backend tags: CreateTags, DeleteTags and DescribeTags. */
public final class TagActions implements ActionGroup {
    private static final FilterSet<TagDescription> FILTERS = FilterSet.<TagDescription>builder()
            .field("key", TagDescription::key)
            .field("value", TagDescription::value)
            .field("resource-id", TagDescription::resourceId)
            .field("resource-type", TagDescription::resourceTypeAsString)
            // On DescribeTags, tag:Key selects the descriptions of that key with one of the values.
            .tags(d -> Map.of(d.key(), d.value() == null ? "" : d.value()))
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateTagsRequest.class, this::createTags)
                .on(DeleteTagsRequest.class, this::deleteTags)
                .on(DescribeTagsRequest.class, this::describeTags);
    }

    CreateTagsResponse createTags(ActionContext ctx, CreateTagsRequest request) {
        List<String> resources = request.hasResources() ? request.resources() : List.of();
        if (resources.isEmpty()) {
            throw Checks.missing("ResourceId");
        }
        resources.forEach(TaggedResources::require);
        Map<String, String> tags = new LinkedHashMap<>();
        if (request.hasTags()) {
            for (Tag tag : request.tags()) {
                TagSpecs.checkKey(tag.key());
                tags.put(tag.key(), tag.value() == null ? "" : tag.value());
            }
        }
        if (tags.isEmpty()) {
            throw Checks.missing("Tag");
        }
        Checks.dryRun(request.dryRun());
        for (String id : resources) {
            ctx.cloud().tag(id, tags);
        }
        return CreateTagsResponse.builder().build();
    }

    /**
     * EC2's rules: a tag given with only a key goes whatever its value; a tag given with a value (the empty one too)
     * goes only when the resource has exactly that value; no tags at all removes every tag but AWS's own
     * {@code aws:} tags.
     */
    DeleteTagsResponse deleteTags(ActionContext ctx, DeleteTagsRequest request) {
        List<String> resources = request.hasResources() ? request.resources() : List.of();
        if (resources.isEmpty()) {
            throw Checks.missing("ResourceId");
        }
        List<TaggedResources> kinds = resources.stream().map(TaggedResources::require).toList();
        List<Tag> given = request.hasTags() ? request.tags() : List.of();
        for (Tag tag : given) {
            if (tag.key() == null || tag.key().isEmpty()) {
                throw Checks.invalid("Tag keys must not be empty");
            }
        }
        boolean needsCurrent = given.isEmpty() || given.stream().anyMatch(t -> t.value() != null);
        Checks.dryRun(request.dryRun());
        for (int i = 0; i < resources.size(); i++) {
            String id = resources.get(i);
            Map<String, String> current = needsCurrent ? kinds.get(i).tagsOf(ctx.cloud(), ctx.account(), id) : Map.of();
            List<String> keys = new ArrayList<>();
            if (given.isEmpty()) {
                for (String key : current.keySet()) {
                    if (!key.regionMatches(true, 0, "aws:", 0, 4)) {
                        keys.add(key);
                    }
                }
            } else {
                for (Tag tag : given) {
                    if (tag.value() == null || tag.value().equals(current.get(tag.key()))) {
                        keys.add(tag.key());
                    }
                }
            }
            // The backend reports a missing resource even when there is nothing to remove from it.
            ctx.cloud().untag(id, keys);
        }
        return DeleteTagsResponse.builder().build();
    }

    DescribeTagsResponse describeTags(ActionContext ctx, DescribeTagsRequest request) {
        List<Filter> filters = request.hasFilters() ? request.filters() : List.of();
        Set<TaggedResources> kinds = kindsAsked(filters);
        if (Paging.paged(request.maxResults(), request.nextToken())) {
            int limit = Paging.limit(request.maxResults(), 5, 1000);
            String queryKey = Paging.queryKey(request);
            TagPages.Position from;
            try {
                from = TagPages.Position.parse(Paging.position(request.nextToken(), queryKey));
            } catch (IllegalArgumentException notOurs) {
                throw Checks.invalid("Invalid NextToken value: " + request.nextToken());
            }
            Checks.dryRun(request.dryRun());
            TagPages.Result page = new TagPages(ctx.cloud(), ctx.account(), FILTERS, filters, limit).page(kinds, from);
            return DescribeTagsResponse.builder().tags(page.tags())
                    .nextToken(page.next() == null ? null : Paging.positionToken(page.next().text(), queryKey))
                    .build();
        }
        Checks.dryRun(request.dryRun());
        List<TagDescription> out = new ArrayList<>();
        for (TaggedResources kind : kinds) {
            for (TaggedResources.Tagged resource : kind.list(ctx.cloud(), ctx.account())) {
                resource.tags().forEach((key, value) -> out.add(TagDescription.builder()
                        .resourceId(resource.id())
                        .resourceType(kind.resourceType())
                        .key(key)
                        .value(value)
                        .build()));
            }
        }
        // A stable order, so that paging never skips or repeats a tag between calls.
        out.sort(Comparator.comparing(TagDescription::resourceId).thenComparing(TagDescription::key));
        List<TagDescription> matching = FILTERS.apply(out, request.filters());
        Paging.Page<TagDescription> page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        return DescribeTagsResponse.builder().tags(page.items()).nextToken(page.nextToken()).build();
    }

    /**
     * The kinds of resource worth listing: resource-type values and resource-id prefixes without wildcards narrow
     * them (several filters AND), so a DescribeTags about one resource does not list every kind. The FilterSet
     * still judges every description afterwards; this only avoids listing what it would drop.
     */
    private static Set<TaggedResources> kindsAsked(List<Filter> filters) {
        Set<TaggedResources> kinds = EnumSet.allOf(TaggedResources.class);
        for (Filter f : filters) {
            if (!f.hasValues() || f.values().stream().anyMatch(v -> v == null || v.contains("*") || v.contains("?"))) {
                continue;
            }
            Set<TaggedResources> named = EnumSet.noneOf(TaggedResources.class);
            if ("resource-type".equals(f.name())) {
                for (String v : f.values()) {
                    TaggedResources kind = TaggedResources.ofType(v);
                    if (kind != null) {
                        named.add(kind);
                    }
                }
            } else if ("resource-id".equals(f.name())) {
                for (String v : f.values()) {
                    TaggedResources kind = TaggedResources.ofId(v);
                    if (kind != null) {
                        named.add(kind);
                    }
                }
            } else {
                continue;
            }
            kinds.retainAll(named);
        }
        return kinds;
    }
}

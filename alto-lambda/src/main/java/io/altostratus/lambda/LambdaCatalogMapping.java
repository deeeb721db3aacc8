package io.altostratus.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.PriceSource;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lambda's {@code GET /api/v1/instance-types} answer as a {@link CatalogSnapshot}. The answer's {@code data} maps each
 * type name to {@code {instance_type: {name, description, gpu_description, price_cents_per_hour, specs: {vcpus,
 * memory_gib, storage_gib, gpus}}, regions_with_capacity_available: [{name, description}]}}. A region is every
 * region some type lists; a type listed in a region is an offer there, at the type's one price (Lambda prices a
 * type the same everywhere). Lambda has no zones.
 *
 * <p>Lambda lists only the regions that have capacity for a type at the time of the call, so a snapshot is a
 * picture of that moment: a type sold out everywhere is offered nowhere, and the notes say which.
 */
final class LambdaCatalogMapping {
    static final String PROVIDER = "lambda";
    /** The prices' source name, shown as {@code lambda-api 2026-12-07}. */
    static final String PRICE_SOURCE = "lambda-api";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaCatalogMapping() {
    }

    /**
     * @param body      the API's answer
     * @param endpoint  where it came from, for the snapshot's source
     * @param regions   only these regions, or null for all
     * @param takenAt   when the call was made
     * @throws AltoException PROVIDER_ERROR when the answer is not the documented shape
     */
    static CatalogSnapshot snapshot(String body, String endpoint, Collection<String> regions, Instant takenAt) {
        JsonNode data;
        try {
            data = JSON.readTree(body).path("data");
        } catch (JsonProcessingException e) {
            throw malformed("the answer is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (!data.isObject()) {
            throw malformed("the answer has no \"data\" object");
        }
        PriceSource source = PriceSource.quoted(PRICE_SOURCE, takenAt);
        Map<String, InstanceType> types = new TreeMap<>();
        Map<String, Region> regionsByName = new TreeMap<>();
        Map<String, List<CatalogSnapshot.Offer>> offers = new TreeMap<>();
        List<String> soldOut = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode item = entry.getValue();
            JsonNode type = item.path("instance_type");
            String name = text(type, "name", entry.getKey());
            JsonNode specs = type.path("specs");
            if (!specs.isObject()) {
                throw malformed("instance type '" + name + "' has no specs");
            }
            int gpus = specs.path("gpus").asInt(0);
            String gpuModel = LambdaGpus.model(gpus, text(type, "gpu_description", null),
                    text(type, "description", null));
            long cents = type.path("price_cents_per_hour").asLong(0);
            Double price = cents > 0 ? cents / 100.0 : null;
            InstanceType described = new InstanceType(name, specs.path("vcpus").asInt(0),
                    specs.path("memory_gib").asLong(0) * 1024, gpus, gpuModel, List.of(architecture(gpuModel)),
                    null, false, true, null, specs.path("storage_gib").asLong(0));
            boolean offered = false;
            for (JsonNode r : item.path("regions_with_capacity_available")) {
                String region = text(r, "name", null);
                if (region == null || (regions != null && !regions.contains(region))) {
                    continue;
                }
                regionsByName.putIfAbsent(region, new Region(region, text(r, "description", region), null, false));
                offers.computeIfAbsent(region, k -> new ArrayList<>())
                        .add(new CatalogSnapshot.Offer(name, price, null, List.of(), source, null));
                offered = true;
            }
            if (offered) {
                types.put(name, described);
            } else {
                soldOut.add(name);
            }
        }
        List<CatalogSnapshot.RegionData> out = new ArrayList<>();
        for (Region region : regionsByName.values()) {
            List<CatalogSnapshot.Offer> list = new ArrayList<>(offers.get(region.name()));
            list.sort(java.util.Comparator.comparing(CatalogSnapshot.Offer::type));
            out.add(new CatalogSnapshot.RegionData(region, List.of(), list, List.of()));
        }
        List<String> notes = new ArrayList<>();
        notes.add("Lambda lists the regions with capacity for a type at the time of the call: offers are that "
                + "moment's, not every region a type can run in");
        if (!soldOut.isEmpty()) {
            soldOut.sort(null);
            notes.add("no capacity" + (regions == null ? "" : " in " + String.join(", ", new java.util.TreeSet<>(
                    regions))) + " for " + soldOut.size() + " type(s), left out: " + String.join(", ", soldOut));
        }
        return new CatalogSnapshot(CatalogSnapshot.FORMAT, PROVIDER,
                new Catalog.Source("Lambda Cloud API at " + endpoint + " (instance types, regions with capacity, "
                        + "on-demand prices)", takenAt),
                notes, List.copyOf(types.values()), out);
    }

    /** Grace Hopper (GH200) pairs the GPU with NVIDIA's Arm CPU; Lambda's other types run on x86-64 CPUs. */
    private static Architecture architecture(String gpuModel) {
        return gpuModel != null && gpuModel.toLowerCase(Locale.ROOT).contains("gh200") ? Architecture.ARM64
                : Architecture.X86_64;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().strip() : fallback;
    }

    private static AltoException malformed(String what) {
        return new AltoException(ErrorCode.PROVIDER_ERROR, "MalformedResponse",
                "unexpected answer from the Lambda API's instance-types: " + what);
    }
}

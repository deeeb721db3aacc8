package io.altostratus.gateway.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.gateway.codec.internal.FieldModel;
import io.altostratus.gateway.codec.internal.ShapeModel;
import io.altostratus.gateway.codec.internal.TypeModel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Extracts the required members of every structure reachable from an operation input out of the EC2 model JSON in
 * {@code com.amazonaws:aws-java-sdk-models}, keeping only shapes and members the bundled SDK v2 classes also have.
 * Run {@link #main} to rewrite the committed resource; {@code RequiredMembersResourceTest} checks it is current.
 */
public final class RequiredMembersGenerator {
    static final String MODELS_VERSION = "1.12.797";
    static final String MODEL_ENTRY = "models/ec2-2016-11-15-model.json";
    static final Path RESOURCE = Path.of("src/main/resources/io/altostratus/gateway/codec/internal/"
            + "ec2-required-members.txt");

    private RequiredMembersGenerator() {
    }

    /** The models jar in the local Maven repository, which may not be there. */
    static Path modelsJar() {
        String repo = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        return Path.of(repo, "com", "amazonaws", "aws-java-sdk-models", MODELS_VERSION,
                "aws-java-sdk-models-" + MODELS_VERSION + ".jar");
    }

    /** The resource text generated from the models jar. */
    static String generate(Path jar) throws IOException {
        JsonNode model;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(MODEL_ENTRY);
            try (InputStream in = zip.getInputStream(entry)) {
                model = new ObjectMapper().readTree(in);
            }
        }
        JsonNode shapes = model.get("shapes");
        // Walk the JSON model and the SDK classes side by side, from each operation's input, so that every JSON
        // shape is paired with the SDK class that carries it (the SDK renames some, e.g. acronyms).
        Map<String, Class<?>> sdkClassOf = new TreeMap<>();
        Set<String> skipped = new TreeSet<>();
        Deque<String> pending = new ArrayDeque<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = model.get("operations").fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            JsonNode input = op.getValue().get("input");
            if (input == null) {
                continue;
            }
            var operation = Ec2OperationRegistry.instance().find(op.getKey());
            if (operation.isEmpty()) {
                skipped.add(op.getKey() + " (operation not in the SDK)");
                continue;
            }
            pair(input.get("shape").asText(), operation.get().requestClass(), sdkClassOf, pending);
        }
        while (!pending.isEmpty()) {
            String name = pending.poll();
            JsonNode shape = shapes.get(name);
            ShapeModel sdkShape = ShapeModel.of(sdkClassOf.get(name));
            for (Iterator<Map.Entry<String, JsonNode>> members = shape.path("members").fields(); members.hasNext(); ) {
                Map.Entry<String, JsonNode> member = members.next();
                FieldModel field = sdkShape.fields().stream()
                        .filter(f -> f.memberName().equals(member.getKey())).findFirst().orElse(null);
                if (field != null) {
                    pairType(member.getValue().get("shape").asText(), field.type(), shapes, sdkClassOf, pending);
                }
            }
        }
        Map<String, Set<String>> required = new TreeMap<>();
        for (Map.Entry<String, Class<?>> pairing : sdkClassOf.entrySet()) {
            JsonNode shape = shapes.get(pairing.getKey());
            if (!shape.has("required")) {
                continue;
            }
            String sdkName = pairing.getValue().getSimpleName();
            Set<String> sdkMembers = new HashSet<>();
            ShapeModel.of(pairing.getValue()).fields().forEach(f -> sdkMembers.add(f.memberName()));
            Set<String> members = new TreeSet<>();
            for (JsonNode member : shape.get("required")) {
                if (sdkMembers.contains(member.asText())) {
                    members.add(member.asText());
                } else {
                    skipped.add(sdkName + "." + member.asText() + " (no SDK member)");
                }
            }
            if (!members.isEmpty()) {
                required.merge(sdkName, members, (a, b) -> {
                    Set<String> union = new TreeSet<>(a);
                    union.addAll(b);
                    return union;
                });
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# Required members of EC2 input shapes, by SDK v2 class and member name.\n");
        out.append("# Generated from com.amazonaws:aws-java-sdk-models:").append(MODELS_VERSION).append(' ')
                .append(MODEL_ENTRY).append(" by RequiredMembersGenerator (test sources). Do not edit.\n");
        for (String skip : skipped) {
            out.append("# skipped: ").append(skip).append('\n');
        }
        required.forEach((shape, members) -> out.append(shape).append(' ')
                .append(String.join(" ", members)).append('\n'));
        return out.toString();
    }

    private static void pair(String shapeName, Class<?> sdkClass, Map<String, Class<?>> sdkClassOf,
                             Deque<String> pending) {
        if (sdkClassOf.putIfAbsent(shapeName, sdkClass) == null) {
            pending.add(shapeName);
        }
    }

    private static void pairType(String shapeName, TypeModel type, JsonNode shapes, Map<String, Class<?>> sdkClassOf,
                                 Deque<String> pending) {
        JsonNode shape = shapes.get(shapeName);
        switch (type) {
            case TypeModel.Struct struct -> pair(shapeName, struct.pojoClass(), sdkClassOf, pending);
            case TypeModel.ListOf list ->
                    pairType(shape.get("member").get("shape").asText(), list.member(), shapes, sdkClassOf, pending);
            case TypeModel.MapOf map ->
                    pairType(shape.get("value").get("shape").asText(), map.value(), shapes, sdkClassOf, pending);
            default -> {
            }
        }
    }

    /** Rewrites the committed resource; run from the module directory. */
    public static void main(String[] args) throws IOException {
        Files.writeString(RESOURCE, generate(modelsJar()), StandardCharsets.UTF_8);
        System.out.println("wrote " + RESOURCE.toAbsolutePath());
    }
}

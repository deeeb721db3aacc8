package io.altostratus.gateway.eks.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.core.ClientEndpointProvider;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.runtime.transform.Marshaller;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.protocols.core.OperationInfo;
import software.amazon.awssdk.protocols.json.AwsJsonProtocol;
import software.amazon.awssdk.protocols.json.AwsJsonProtocolFactory;
import software.amazon.awssdk.protocols.json.BaseAwsJsonProtocolFactory;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.EksRequest;
import software.amazon.awssdk.services.eks.model.EksResponse;

/**
 * Every operation of the bundled SDK's EKS model with its HTTP binding, read from the SDK rather than from a hand-kept
 * table: the operations are the {@link EksClient} interface's methods, and each one's method and path template are
 * the {@link OperationInfo} its generated marshaller holds ({@code SDK_OPERATION_BINDING}). Should a later SDK stop
 * generating that constant, the marshaller is run offline instead, on a request whose path labels hold markers: the
 * same answer, ten times slower at start (about 2 s for EKS's 80 operations on a cold JVM, against 0.2 s).
 */
public final class EksOperations {
    private static final String TRANSFORM_PACKAGE = "software.amazon.awssdk.services.eks.transform.";
    private static final String MARKER = "altolabel";
    private static final String BINDING_FIELD = "SDK_OPERATION_BINDING";
    private static final EksOperations INSTANCE = new EksOperations();

    private final Map<String, EksOperation> byName;
    private final List<EksOperation> routes;

    private EksOperations() {
        Map<String, EksOperation> ops = new TreeMap<>();
        for (Method method : EksClient.class.getMethods()) {
            if (method.getParameterCount() == 1 && EksRequest.class.isAssignableFrom(method.getParameterTypes()[0])
                    && EksResponse.class.isAssignableFrom(method.getReturnType())) {
                EksOperation op = bind(method.getParameterTypes()[0].asSubclass(EksRequest.class),
                        method.getReturnType().asSubclass(EksResponse.class));
                if (op != null) {
                    ops.put(op.name(), op);
                }
            }
        }
        this.byName = Map.copyOf(ops);
        // A literal segment beats a label where two templates could match the same path.
        List<EksOperation> sorted = new ArrayList<>(ops.values());
        sorted.sort(Comparator.comparingLong(EksOperations::labelWeight));
        this.routes = List.copyOf(sorted);
    }

    public static EksOperations instance() {
        return INSTANCE;
    }

    public Optional<EksOperation> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<EksOperation> all() {
        return routes;
    }

    /** An operation matched against a request, with its path labels' values (decoded). */
    public record Match(EksOperation operation, Map<String, String> labels) {
    }

    /**
     * The operation a method and path name, or empty.
     *
     * @param segments the path's segments, each decoded
     */
    public Optional<Match> match(String method, List<String> segments) {
        for (EksOperation op : routes) {
            if (!op.method().equals(method) || op.path().size() != segments.size()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            boolean ok = true;
            for (int i = 0; i < segments.size() && ok; i++) {
                String template = op.path().get(i);
                if (EksOperation.isLabel(template)) {
                    labels.put(template.substring(1, template.length() - 1), segments.get(i));
                } else {
                    ok = template.equals(segments.get(i));
                }
            }
            if (ok) {
                return Optional.of(new Match(op, labels));
            }
        }
        return Optional.empty();
    }

    /** Whether some operation has a path of this shape under another method (for 405-like answers). */
    public boolean anyPath(List<String> segments) {
        return routes.stream().anyMatch(op -> match(op.method(), segments).isPresent());
    }

    /** The first segments of every operation's path ({@code clusters}, {@code tags}, ...): where the front mounts. */
    public List<String> roots() {
        TreeSet<String> roots = new TreeSet<>();
        for (EksOperation op : routes) {
            if (!op.path().isEmpty() && !EksOperation.isLabel(op.path().get(0))) {
                roots.add(op.path().get(0));
            }
        }
        return List.copyOf(roots);
    }

    private static long labelWeight(EksOperation op) {
        long weight = 0;
        for (String s : op.path()) {
            weight = weight * 2 + (EksOperation.isLabel(s) ? 1 : 0);
        }
        return weight;
    }

    private static EksOperation bind(Class<? extends EksRequest> input, Class<? extends EksResponse> output) {
        String simple = input.getSimpleName();
        if (Modifier.isAbstract(input.getModifiers())) {
            return null;
        }
        String name = simple.substring(0, simple.length() - "Request".length());
        Class<?> marshallerClass;
        try {
            marshallerClass = Class.forName(TRANSFORM_PACKAGE + simple + "Marshaller", true, input.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        try {
            Field field = marshallerClass.getDeclaredField(BINDING_FIELD);
            field.setAccessible(true);
            if (field.get(null) instanceof OperationInfo info && info.requestUri() != null
                    && info.httpMethod() != null) {
                List<String> path = new ArrayList<>();
                for (String segment : info.requestUri().split("\\?", 2)[0].split("/")) {
                    if (!segment.isEmpty()) {
                        path.add(segment.replace("+}", "}"));
                    }
                }
                return new EksOperation(name, input, output, info.httpMethod().name(), path);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // read by marshalling below
        }
        return bindByMarshalling(name, marshallerClass, input, output);
    }

    /** The binding the slower way, whatever the constant says: how a test checks that both ways agree. */
    static EksOperation marshalled(EksOperation op) {
        try {
            Class<?> marshallerClass = Class.forName(TRANSFORM_PACKAGE + op.requestClass().getSimpleName()
                    + "Marshaller", true, op.requestClass().getClassLoader());
            return bindByMarshalling(op.name(), marshallerClass, op.requestClass(), op.responseClass());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static final class Protocol {
        /** Made only when some marshaller has no binding constant to read. */
        static final BaseAwsJsonProtocolFactory FACTORY = AwsJsonProtocolFactory.builder()
                .clientConfiguration(SdkClientConfiguration.builder()
                        .option(SdkClientOption.CLIENT_ENDPOINT_PROVIDER,
                                ClientEndpointProvider.forEndpointOverride(URI.create("https://eks.invalid")))
                        .build())
                .protocol(AwsJsonProtocol.REST_JSON)
                .protocolVersion("1.1")
                .build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static EksOperation bindByMarshalling(String name, Class<?> marshallerClass,
                                                  Class<? extends EksRequest> input,
                                                  Class<? extends EksResponse> output) {
        try {
            BaseAwsJsonProtocolFactory protocol = Protocol.FACTORY;
            Marshaller marshaller = (Marshaller) marshallerClass.getConstructor(BaseAwsJsonProtocolFactory.class)
                    .newInstance(protocol);
            SdkPojo builder = (SdkPojo) input.getMethod("builder").invoke(null);
            Map<String, String> markers = new LinkedHashMap<>();
            for (SdkField<?> field : builder.sdkFields()) {
                if (field.location() == MarshallLocation.PATH && field.marshallingType() == MarshallingType.STRING) {
                    String marker = MARKER + markers.size() + "x";
                    markers.put(marker, field.locationName());
                    ((SdkField) field).set(builder, marker);
                }
            }
            Object request = ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) builder).build();
            SdkHttpFullRequest http = (SdkHttpFullRequest) marshaller.marshall(request);
            List<String> path = new ArrayList<>();
            for (String segment : http.encodedPath().split("/")) {
                if (!segment.isEmpty()) {
                    String label = markers.get(segment);
                    path.add(label != null ? "{" + label + "}" : segment);
                }
            }
            return new EksOperation(name, input, output, http.method().name(), path);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }
}

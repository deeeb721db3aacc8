package io.altostratus.gateway.codec.internal;

import software.amazon.awssdk.core.ClientEndpointProvider;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.runtime.transform.Marshaller;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.protocols.query.AwsEc2ProtocolFactory;
import software.amazon.awssdk.protocols.query.AwsQueryProtocolFactory;
import software.amazon.awssdk.services.ec2.model.Ec2Request;

import java.net.URI;
import java.util.List;

/**
 * The wire action name of an SDK request class. The SDK names classes after the operation but normalises acronyms
 * ({@code EnableVolumeIO} becomes {@code EnableVolumeIoRequest}), so the true name is read from the SDK's own
 * marshaller for that class, by marshalling an empty request offline.
 */
public final class WireActions {
    private static final String TRANSFORM_PACKAGE = "software.amazon.awssdk.services.ec2.transform.";
    private static final AwsEc2ProtocolFactory PROTOCOL = AwsEc2ProtocolFactory.builder()
            .clientConfiguration(SdkClientConfiguration.builder()
                    .option(SdkClientOption.CLIENT_ENDPOINT_PROVIDER,
                            ClientEndpointProvider.forEndpointOverride(URI.create("https://ec2.invalid")))
                    .build())
            .build();

    private WireActions() {
    }

    /** The {@code Action} the SDK sends for this request class, or null when the SDK has no marshaller for it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static String of(Class<? extends Ec2Request> requestClass) {
        try {
            Class<?> marshallerClass = Class.forName(TRANSFORM_PACKAGE + requestClass.getSimpleName() + "Marshaller",
                    true, requestClass.getClassLoader());
            Marshaller marshaller = (Marshaller) marshallerClass.getConstructor(AwsQueryProtocolFactory.class)
                    .newInstance(PROTOCOL);
            Object empty = ShapeModel.build(ShapeModel.of(requestClass).newBuilder());
            SdkHttpFullRequest request = (SdkHttpFullRequest) marshaller.marshall(empty);
            List<String> action = request.rawQueryParameters().get("Action");
            return action == null || action.isEmpty() ? null : action.get(0);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return null;
        }
    }
}

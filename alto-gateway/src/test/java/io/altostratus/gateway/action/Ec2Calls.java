package io.altostratus.gateway.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** What the action tests build requests from (filters, tag specifications) and how they check EC2's errors. */
final class Ec2Calls {
    private Ec2Calls() {
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    /** A TagSpecification for {@code type} from key, value, key, value, ... */
    static TagSpecification tags(ResourceType type, String... keyValues) {
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            tags.add(Tag.builder().key(keyValues[i]).value(keyValues[i + 1]).build());
        }
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }

    static TagSpecification tags(ResourceType type, Map<String, String> tags) {
        return TagSpecification.builder().resourceType(type)
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                        .toList())
                .build();
    }

    /** The EC2 error the call fails with; fails the test when it does not fail that way. */
    static Ec2Exception ec2Error(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(Ec2Exception.class);
        return (Ec2Exception) thrown;
    }

    /** The EC2 error the call fails with, which must carry {@code code}. */
    static Ec2Exception ec2Error(ThrowingCallable call, String code) {
        Ec2Exception e = ec2Error(call);
        assertThat(e.awsErrorDetails().errorCode()).as(e.getMessage()).isEqualTo(code);
        return e;
    }

    /** The EC2 error code the call fails with. */
    static String code(ThrowingCallable call) {
        return ec2Error(call).awsErrorDetails().errorCode();
    }

    static void assertCode(ThrowingCallable call, String code, int status) {
        assertThat(ec2Error(call, code).statusCode()).isEqualTo(status);
    }

    /** EC2's DryRun answer: 412 DryRunOperation with EC2's message. */
    static void assertDryRun(ThrowingCallable call) {
        Ec2Exception e = ec2Error(call, "DryRunOperation");
        assertThat(e.statusCode()).isEqualTo(412);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Request would have succeeded, but DryRun flag is set.");
    }
}

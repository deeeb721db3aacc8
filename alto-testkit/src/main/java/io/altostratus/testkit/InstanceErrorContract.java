package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.Cloud;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.Instance;
import io.altostratus.core.query.InstanceQuery;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Bad input: malformed ids ({@code INVALID_PARAMETER}), well-formed ids that do not exist ({@code NOT_FOUND}),
 * unknown images, instance types and key names. Every failed launch must leave nothing behind. The ids come from
 * the fixture ({@link ProviderFixture#missingId}, {@link ProviderFixture#malformedId}).
 */
public interface InstanceErrorContract extends ProviderContract {

    @Test
    default void malformedInstanceIdIsInvalidParameterForEveryInstanceCall(ContractSession s) {
        String bad = s.malformedId(ResourceKind.INSTANCE);
        assertEveryInstanceCallFails(s, bad, ErrorCode.INVALID_PARAMETER, "InvalidInstanceID.Malformed");
    }

    @Test
    default void missingInstanceIdIsNotFoundForEveryInstanceCall(ContractSession s) {
        String missing = s.missingId(ResourceKind.INSTANCE);
        assertEveryInstanceCallFails(s, missing, ErrorCode.NOT_FOUND, "InvalidInstanceID.NotFound");
    }

    @Test
    default void listingExistingAndMissingIdsTogetherIsNotFound(ContractSession s) {
        String missing = s.missingId(ResourceKind.INSTANCE);
        Instance real = s.launchOne("real");

        s.expectError(ErrorCode.NOT_FOUND, "InvalidInstanceID.NotFound",
                () -> s.cloud().instances(InstanceQuery.ids(List.of(real.id(), missing))));
    }

    /** Checks every core call that takes instance ids, reporting each call that misbehaves. */
    private static void assertEveryInstanceCallFails(ContractSession s, String id, ErrorCode code, String ec2Code) {
        Cloud c = s.cloud();
        SoftAssertions soft = new SoftAssertions();
        check(soft, s, "instance(" + id + ")", code, ec2Code, () -> c.instance(id));
        check(soft, s, "instances(ids)", code, ec2Code, () -> c.instances(InstanceQuery.ids(List.of(id))));
        check(soft, s, "terminate", code, ec2Code, () -> c.terminate(List.of(id)));
        check(soft, s, "start", code, ec2Code, () -> c.start(List.of(id)));
        check(soft, s, "stop", code, ec2Code, () -> c.stop(List.of(id), false));
        check(soft, s, "reboot", code, ec2Code, () -> c.reboot(List.of(id)));
        check(soft, s, "createImage", code, null, () -> c.createImage(id, s.name("img"), null, Map.of()));
        // Tags take any kind of id, so the provider's code may name the kind it guessed: only the portable one counts.
        check(soft, s, "tag", code, null, () -> c.tag(id, Map.of("k", "v")));
        check(soft, s, "untag", code, null, () -> c.untag(id, List.of("k")));
        soft.assertAll();
    }

    private static void check(SoftAssertions soft, ContractSession s, String call, ErrorCode code, String ec2Code,
                              ThrowingCallable callable) {
        soft.check(() -> {
            try {
                s.expectError(code, ec2Code, callable);
            } catch (AssertionError e) {
                throw new AssertionError(call + ": " + e.getMessage(), e);
            }
        });
    }

    @Test
    default void launchOfUnknownImageIsNotFoundAndMakesNothing(ContractSession s) {
        String missing = s.missingId(ResourceKind.IMAGE);

        s.expectError(ErrorCode.NOT_FOUND, "InvalidAMIID.NotFound", () -> s.launch(b -> b.image(missing)));
        s.expectError(ErrorCode.NOT_FOUND, "InvalidAMIID.NotFound", () -> s.cloud().image(missing));

        assertThat(s.listRun()).as("instances left by a failed launch").isEmpty();
    }

    @Test
    default void malformedImageIdIsInvalidParameterAndLaunchesNothing(ContractSession s) {
        String malformed = s.malformedId(ResourceKind.IMAGE);

        s.expectError(ErrorCode.INVALID_PARAMETER, "InvalidAMIID.Malformed", () -> s.cloud().image(malformed));
        s.expectError(ErrorCode.INVALID_PARAMETER, "InvalidAMIID.Malformed", () -> s.launch(b -> b.image(malformed)));

        assertThat(s.listRun()).as("instances left by a failed launch").isEmpty();
    }

    @Test
    default void launchOfUnknownInstanceTypeIsInvalidParameterAndMakesNothing(ContractSession s) {
        String unknown = s.fixture().unknownInstanceType();

        s.expectError(ErrorCode.INVALID_PARAMETER, "InvalidParameterValue",
                () -> s.launch(b -> b.instanceType(unknown)));

        assertThat(s.listRun()).as("instances left by a failed launch").isEmpty();
    }

    @Test
    default void launchWithUnknownKeyNameIsNotFoundAndMakesNothing(ContractSession s) {
        s.offered(KeyPairs.class);

        s.expectError(ErrorCode.NOT_FOUND, "InvalidKeyPair.NotFound",
                () -> s.launch(b -> b.keyName(s.name("no-such-key"))));

        assertThat(s.listRun()).as("instances left by a failed launch").isEmpty();
    }
}

package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.Cloud;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.testkit.ProviderFixture.Account;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tenants share a backend but never each other's resources: to account B, A's instance does not exist. */
public interface AccountIsolationContract extends ProviderContract {

    @Test
    default void anotherSessionOfTheSameAccountSeesTheInstance(ContractSession s) {
        Instance mine = s.launchOne("shared");
        Cloud again = s.open(Account.A);

        s.eventually("a second session of account A sees " + mine.id(), () -> {
            assertThat(again.instance(mine.id()).id()).isEqualTo(mine.id());
            assertThat(again.instances(s.query().build())).extracting(Instance::id).containsExactly(mine.id());
        });
    }

    @Test
    default void accountBCannotSeeOrTouchAccountAsInstance(ContractSession s) {
        Instance mine = s.awaitState(s.launchOne("private").id(), InstanceCondition.RUNNING);
        Cloud other = s.open(Account.B);
        Cloud again = s.open(Account.A);
        // The isolation claim means something only when both sessions share one backend: prove they do first.
        s.eventually("account A's second session sees " + mine.id(),
                () -> assertThat(again.instances(s.query().build())).hasSize(1));

        s.expectError(ErrorCode.NOT_FOUND, "InvalidInstanceID.NotFound", () -> other.instance(mine.id()));
        s.expectError(ErrorCode.NOT_FOUND, "InvalidInstanceID.NotFound",
                () -> other.instances(InstanceQuery.ids(List.of(mine.id()))));
        assertThat(other.instances()).extracting(Instance::id).doesNotContain(mine.id());
        assertThat(other.instances(s.query().build())).as("B listing A's run tag").isEmpty();
        s.expectError(ErrorCode.NOT_FOUND, "InvalidInstanceID.NotFound", () -> other.terminate(List.of(mine.id())));
        s.expectError(ErrorCode.NOT_FOUND, "InvalidInstanceID.NotFound", () -> other.stop(List.of(mine.id()), false));
        s.expectError(ErrorCode.NOT_FOUND, "InvalidInstanceID.NotFound", () -> other.reboot(List.of(mine.id())));
        s.expectError(ErrorCode.NOT_FOUND, null, () -> other.tag(mine.id(), Map.of("owner", "b")));
        s.expectError(ErrorCode.NOT_FOUND, null,
                () -> other.createImage(mine.id(), s.name("b-image"), null, Map.of()));

        Instance after = s.cloud().instance(mine.id());
        assertThat(after.state()).as("A's instance after B's attempts").isEqualTo(InstanceState.RUNNING);
        assertThat(after.tags()).doesNotContainKey("owner");
    }

    @Test
    default void accountBDoesNotSeeAccountAsKeyPairs(ContractSession s) {
        KeyPairs mine = s.offered(KeyPairs.class);
        String name = s.name("a-only");
        s.trackKeyPair(name);
        mine.createKeyPair(name, KeyType.ED25519, Map.of());
        Cloud other = s.open(Account.B);
        KeyPairs theirs = other.require(KeyPairs.class);

        assertThat(theirs.keyPairs()).extracting(KeyPair::name).doesNotContain(name);
        s.expectError(ErrorCode.NOT_FOUND, "InvalidKeyPair.NotFound",
                () -> s.launch(other, b -> b.name(s.name("b-keyed")).keyName(name)));
        theirs.deleteKeyPair(name);
        assertThat(mine.keyPairs()).as("A's key after B deleted that name").extracting(KeyPair::name)
                .contains(name);
    }
}

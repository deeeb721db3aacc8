package io.altostratus.testkit;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.spi.Capability;
import org.junit.jupiter.api.Test;

/**
 * What the {@link Capability#EC2_IDS} trait promises: every id the provider hands out has EC2's shape, so the EC2
 * front passes them through unmapped. (The extension contracts check the ids of their own resources the same way.)
 * Skipped for providers with ids of their own.
 */
public interface Ec2ShapeContract extends ProviderContract {

    @Test
    default void ec2ShapedProvidersHandOutEc2Ids(ContractSession s) {
        s.assumeSupports(Capability.EC2_IDS);

        Instance launched = s.launchRunning("shaped");
        Image image = s.cloud().image(s.fixture().image());
        Image made = s.cloud().createImage(launched.id(), s.name("shaped"), null, s.runTags());
        s.trackImage(made.id());

        s.assertIdShape(Ec2IdKind.INSTANCE, launched.id());
        s.assertIdShape(Ec2IdKind.IMAGE, image.id());
        s.assertIdShape(Ec2IdKind.IMAGE, made.id());
        String reservation = Ec2InstanceDetails.of(launched).reservationId();
        if (reservation != null) {
            s.assertIdShape(Ec2IdKind.RESERVATION, reservation);
        }
    }
}

package io.altostratus.core.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class InstanceMetadataOptionsTest {

    private static void assertInvalid(ThrowingCallable call, String parameter) {
        AltoException e = catchThrowableOfType(AltoException.class, call);
        assertThat(e).as("expected an AltoException").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(e.providerCode()).isEqualTo("InvalidParameterValue");
        assertThat(e.getMessage()).contains(parameter);
    }

    @Test
    void defaultsAreEc2s() {
        InstanceMetadataOptions d = InstanceMetadataOptions.defaults();
        assertThat(d.httpTokens()).isEqualTo("optional");
        assertThat(d.hopLimit()).isEqualTo(1);
        assertThat(d.httpEndpoint()).isEqualTo("enabled");
        assertThat(d.httpProtocolIpv6()).isEqualTo("disabled");
        assertThat(d.instanceMetadataTags()).isEqualTo("disabled");
    }

    @Test
    void withersChangeOneSettingEach() {
        InstanceMetadataOptions o = InstanceMetadataOptions.defaults().withTokensRequired(true).withHopLimit(2)
                .withEndpointEnabled(false).withIpv6EndpointEnabled(true).withTagsEnabled(true);
        assertThat(o).isEqualTo(new InstanceMetadataOptions(true, 2, false, true, true));
        assertThat(o.httpTokens()).isEqualTo("required");
        assertThat(o.httpEndpoint()).isEqualTo("disabled");
        assertThat(o.httpProtocolIpv6()).isEqualTo("enabled");
        assertThat(o.instanceMetadataTags()).isEqualTo("enabled");
        assertThat(InstanceMetadataOptions.defaults()).as("defaults untouched")
                .isEqualTo(new InstanceMetadataOptions(false, 1, true, false, false));
    }

    @Test
    void hopLimitIsOneToSixtyFour() {
        assertThat(new InstanceMetadataOptions(false, 1, true, false, false).hopLimit()).isEqualTo(1);
        assertThat(new InstanceMetadataOptions(false, 64, true, false, false).hopLimit()).isEqualTo(64);
        assertInvalid(() -> new InstanceMetadataOptions(false, 0, true, false, false), "HttpPutResponseHopLimit");
        assertInvalid(() -> InstanceMetadataOptions.defaults().withHopLimit(65), "HttpPutResponseHopLimit");
        assertInvalid(() -> InstanceMetadataOptions.defaults().withHopLimit(-1), "HttpPutResponseHopLimit");
    }

    @Test
    void ec2WordsParseAndAnythingElseIsInvalidParameterValue() {
        assertThat(InstanceMetadataOptions.parseHttpTokens("required")).isTrue();
        assertThat(InstanceMetadataOptions.parseHttpTokens("optional")).isFalse();
        assertThat(InstanceMetadataOptions.parseState("HttpEndpoint", "enabled")).isTrue();
        assertThat(InstanceMetadataOptions.parseState("HttpEndpoint", "disabled")).isFalse();

        assertInvalid(() -> InstanceMetadataOptions.parseHttpTokens("Required"), "HttpTokens");
        assertInvalid(() -> InstanceMetadataOptions.parseHttpTokens(null), "HttpTokens");
        assertInvalid(() -> InstanceMetadataOptions.parseState("InstanceMetadataTags", "on"), "InstanceMetadataTags");
        assertInvalid(() -> InstanceMetadataOptions.parseState("HttpProtocolIpv6", ""), "HttpProtocolIpv6");
    }

    @Test
    void aChangeReplacesOnlyWhatItNames() {
        InstanceMetadataOptions current = InstanceMetadataOptions.defaults().withHopLimit(3).withTagsEnabled(true);

        InstanceMetadataOptions changed = MetadataOptionsChange.tokensRequired(true).applyTo(current);

        assertThat(changed).isEqualTo(current.withTokensRequired(true));
        assertThat(MetadataOptionsChange.hopLimit(64).applyTo(current).hopLimit()).isEqualTo(64);
        MetadataOptionsChange nothing = new MetadataOptionsChange(null, null, null, null, null);
        assertThat(nothing.changesNothing()).isTrue();
        assertThat(nothing.applyTo(current)).isEqualTo(current);
        assertThat(new MetadataOptionsChange(null, null, false, true, false).applyTo(current))
                .isEqualTo(new InstanceMetadataOptions(false, 3, false, true, false));
        assertInvalid(() -> MetadataOptionsChange.hopLimit(0), "HttpPutResponseHopLimit");
    }

    @Test
    void launchSpecCarriesOptionsThroughItsBuilderAndLeavesThemOutByDefault() {
        InstanceMetadataOptions imds = InstanceMetadataOptions.defaults().withTokensRequired(true);
        LaunchSpec spec = LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").metadataOptions(imds)
                .build();
        assertThat(spec.metadataOptions()).isEqualTo(imds);
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        assertThat(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").build().metadataOptions())
                .isNull();
    }

    @Test
    void instanceCarriesOptionsInItsEc2DetailsAndWithoutDetailsReportsNone() {
        Instance bare = Instance.builder().id("i-1").state(InstanceState.RUNNING).build();
        assertThat(Ec2InstanceDetails.of(bare)).isSameAs(Ec2InstanceDetails.NONE);
        assertThat(Ec2InstanceDetails.of(bare).metadataOptions()).isNull();

        InstanceMetadataOptions imds = InstanceMetadataOptions.defaults().withHopLimit(2);
        Instance with = bare.toBuilder().details(new Ec2InstanceDetails("r-1", 0, "/dev/sda1", null, null)
                .withMetadataOptions(imds)).build();
        assertThat(Ec2InstanceDetails.of(with).metadataOptions()).isEqualTo(imds);
        assertThat(with.toBuilder().build()).isEqualTo(with);
        assertThat(with.toBuilder().details(null).build()).isEqualTo(bare);
    }
}

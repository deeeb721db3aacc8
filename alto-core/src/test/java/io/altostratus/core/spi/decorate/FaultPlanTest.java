package io.altostratus.core.spi.decorate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FaultPlanTest {

    @Test
    void theIssuesExampleReadsAsFourFaults() {
        FaultPlan plan = FaultPlan.parse("throttle=5%,error=1%,eventual=2s,capacity=t3.micro@us-east-1a");

        assertThat(plan.throttleRate()).isEqualTo(0.05);
        assertThat(plan.errorRate()).isEqualTo(0.01);
        assertThat(plan.eventual()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.capacity()).containsExactly(new CapacityShortage("t3.micro", "us-east-1a"));
        assertThat(plan).hasToString("throttle=5%,error=1%,eventual=2s,capacity=t3.micro@us-east-1a");
    }

    @Test
    void capacityRepeatsKeepOrderAndDropDuplicates() {
        FaultPlan plan = FaultPlan.parse(" capacity = t3.micro@us-east-1a , capacity=m5.large@us-east-1,"
                + "capacity=t3.micro@us-east-1a");

        assertThat(plan.capacity()).containsExactly(new CapacityShortage("t3.micro", "us-east-1a"),
                new CapacityShortage("m5.large", "us-east-1"));
        assertThat(plan.throttleRate()).isZero();
        assertThat(plan.eventual()).isZero();
    }

    @Test
    void quotaTakesARegionOrATypeInARegionAndRepeats() {
        FaultPlan plan = FaultPlan.parse("quota=us-east-1, quota = t3.micro@eu-west-1,quota=us-east-1,"
                + "capacity=t3.micro@us-east-1a");

        assertThat(plan.quota()).containsExactly(new QuotaLimit(null, "us-east-1"),
                new QuotaLimit("t3.micro", "eu-west-1"));
        assertThat(plan.isEmpty()).isFalse();
        assertThat(plan).hasToString("capacity=t3.micro@us-east-1a,quota=us-east-1,quota=t3.micro@eu-west-1");
        assertThat(FaultPlan.parse(plan.toString())).isEqualTo(plan);
        assertThat(FaultPlan.parse("quota=eastus").quota()).containsExactly(new QuotaLimit(null, "eastus"));
    }

    @Test
    void aQuotaMeetsItsRegionNeverAZoneName() {
        QuotaLimit region = new QuotaLimit(null, "us-east-1");
        QuotaLimit type = new QuotaLimit("t3.micro", "us-east-1");

        assertThat(region.meets("m5.large", "us-east-1")).isTrue();
        assertThat(region.meets("m5.large", "us-east-2")).isFalse();
        assertThat(type.meets("t3.micro", "us-east-1")).isTrue();
        assertThat(type.meets("t3.small", "us-east-1")).isFalse();
        assertThat(new QuotaLimit(null, "us-east-1a").meets("t3.micro", "us-east-1")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "throttle=0.5%;throttle=0.5%",
            "error=100%;error=100%",
            "throttle=0%;none",
            "eventual=1500ms;eventual=1500ms",
            "eventual=1.5s;eventual=1500ms",
            "eventual=1m;eventual=60s",
            "eventual=0;none",
            "error=1%,throttle=5%;throttle=5%,error=1%",
            "throttle=33.3333%;throttle=33.3333%"})
    void specsReadBackToTheirCanonicalForm(String spec, String canonical) {
        FaultPlan plan = FaultPlan.parse(spec);

        assertThat(plan).hasToString(canonical);
        assertThat(FaultPlan.parse(plan.toString())).isEqualTo(plan);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "none", "off", "NONE"})
    void emptySpecsInjectNothing(String spec) {
        assertThat(FaultPlan.parse(spec)).isEqualTo(FaultPlan.NONE);
        assertThat(FaultPlan.parse(spec).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "throttle=5;'throttle=5'",
            "throttle=five%;'five%' is not a percentage",
            "throttle=-1%;between 0% and 100%",
            "error=101%;between 0% and 100%",
            "throttle=60%,error=50%;exceed 100%",
            "throttle=5%,throttle=6%;'throttle' is given twice",
            "latency=1s;unknown fault 'latency'",
            "throttle;'throttle' has no value",
            "throttle=5%,,error=1%;empty entry",
            "throttle=5%,;empty entry",
            "eventual=2;'eventual=2'",
            "eventual=2h;'eventual=2h'",
            "eventual=0.5ms;finer than a millisecond",
            "capacity=t3.micro;'capacity=t3.micro'",
            "capacity=@us-east-1a;'' is not an instance type name",
            "capacity=t3.micro@;'' is not a zone or region name",
            "capacity=t3.micro@a@b;TYPE@ZONE",
            "capacity=t3 micro@us-east-1a;'t3 micro' is not an instance type name",
            "quota=;'' is not a region name",
            "quota=t3.micro@;'' is not a region name",
            "quota=@us-east-1;'' is not an instance type name",
            "quota=a@b@c;REGION or TYPE@REGION",
            "quota=us east;'us east' is not a region name",
            "quotas=us-east-1;the kinds are throttle, error, eventual, capacity and quota"})
    void badSpecsNameTheirBadPart(String spec, String named) {
        assertThatThrownBy(() -> FaultPlan.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }

    @Test
    void theRecordRefusesWhatTheParserRefuses() {
        assertThatThrownBy(() -> new FaultPlan(1.5, 0, Duration.ZERO, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("throttle");
        assertThatThrownBy(() -> new FaultPlan(0, 0, Duration.ofSeconds(-1), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new FaultPlan(0, Double.NaN, Duration.ZERO, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("error");
    }

    @Test
    void aShortageMeetsItsTypeInItsZoneOrAnywhereInItsRegion() {
        CapacityShortage zonal = new CapacityShortage("t3.micro", "us-east-1a");
        CapacityShortage regional = new CapacityShortage("t3.micro", "us-east-1");

        assertThat(zonal.meets("t3.micro", "us-east-1a", "us-east-1")).isTrue();
        assertThat(zonal.meets("t3.micro", "us-east-1b", "us-east-1")).isFalse();
        assertThat(zonal.meets("t3.micro", null, "us-east-1")).as("EC2 places an unplaced launch where there is room")
                .isFalse();
        assertThat(zonal.meets("t3.small", "us-east-1a", "us-east-1")).isFalse();
        assertThat(regional.meets("t3.micro", null, "us-east-1")).isTrue();
        assertThat(regional.meets("t3.micro", "us-east-1c", "us-east-1")).isTrue();
        assertThat(regional.meets("t3.micro", "eu-west-1a", "eu-west-1")).isFalse();
    }
}

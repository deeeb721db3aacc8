package io.altostratus.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.InstanceType;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogExportTest {
    private static final CatalogSnapshot EAST = CatalogSnapshot.of(Catalogs.aws(), List.of(),
            List.of("us-east-1", "eu-north-1"));

    @Test
    void csvHasOneRowPerRegionAndType() {
        List<String> lines = CatalogExport.csv(EAST, null).lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.join(",", CatalogExport.CSV_COLUMNS));
        assertThat(lines).hasSize(EAST.offerCount() + 1);
        InstanceType micro = Catalogs.aws().instanceType("us-east-1", "t3.micro").orElseThrow();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("us-east-1,t3.micro," + micro.vcpus() + ","
                + micro.memoryMiB() + ",0,,x86_64,true,"));
        assertThat(CatalogExport.csv(EAST, "eu-north-1").lines().skip(1)).allMatch(l -> l.startsWith("eu-north-1,"));
    }

    @Test
    void kconfigOffersEveryRegionAndEveryTypeOfTheRegionAsChoices() {
        String k = CatalogExport.kconfig(EAST, "us-east-1");
        assertThat(k).contains("config TERRAFORM_AWS_REGION_EU_NORTH_1\n\tbool \"eu-north-1\"")
                .contains("default TERRAFORM_AWS_REGION_US_EAST_1")
                .contains("config TERRAFORM_AWS_INSTANCE_TYPE_T3\n\tbool \"t3\"")
                .contains("config TERRAFORM_AWS_INSTANCE_T3_MICRO\n\tbool \"t3.micro\"")
                .contains("\tdefault \"t3.micro\" if TERRAFORM_AWS_INSTANCE_T3_MICRO\n");
        long sizes = k.lines().filter(l -> l.startsWith("config TERRAFORM_AWS_INSTANCE_")
                && !l.startsWith("config TERRAFORM_AWS_INSTANCE_TYPE")).count();
        assertThat(sizes).isEqualTo(EAST.region("us-east-1").offers().size());
        // Balanced blocks: every choice and if is closed.
        assertThat(k.lines().filter("choice"::equals).count()).isEqualTo(k.lines().filter("endchoice"::equals).count());
        assertThat(k.lines().filter(l -> l.startsWith("if ")).count())
                .isEqualTo(k.lines().filter(l -> l.startsWith("endif")).count());
    }

    @Test
    void gcpTypesGroupIntoTheirSeriesAndCarrySpotPricesInCsv() {
        CatalogSnapshot central = CatalogSnapshot.of(Catalogs.gcp(), List.of(), List.of("us-central1"));
        String k = CatalogExport.kconfig(central, "us-central1");
        assertThat(k).contains("config TERRAFORM_GCP_INSTANCE_TYPE_N2\n\tbool \"n2\"")
                .contains("config TERRAFORM_GCP_INSTANCE_N2_STANDARD_4\n\tbool \"n2-standard-4\"")
                .contains("config TERRAFORM_GCP_INSTANCE_TYPE_E2\n\tbool \"e2\"")
                .doesNotContain("config TERRAFORM_GCP_INSTANCE_TYPE_N2_STANDARD_4\n");
        assertThat(k.lines().filter("choice"::equals).count()).isEqualTo(k.lines().filter("endchoice"::equals).count());

        double spot = Catalogs.gcp().spotPricePerHour("us-central1", "n2-standard-4").orElseThrow();
        String row = CatalogExport.csv(central, "us-central1").lines()
                .filter(l -> l.startsWith("us-central1,n2-standard-4,")).findFirst().orElseThrow();
        assertThat(row).contains("," + java.math.BigDecimal.valueOf(spot).stripTrailingZeros().toPlainString() + ",")
                .contains(",us-central1-a us-central1-b us-central1-c us-central1-f,")
                .endsWith("," + Catalogs.gcp().onDemandPrice("us-central1", "n2-standard-4").orElseThrow().source()
                        .label() + ",false");
    }

    @Test
    void csvAndKconfigMarkTheCatalogsEstimatesAndSayWhereEachPriceComesFrom() {
        Price estimate = Catalogs.aws().onDemandPrice("us-east-1", "m5.xlarge").orElseThrow();
        Price quoted = Catalogs.aws().onDemandPrice("us-east-1", "c5.xlarge").orElseThrow();
        assertThat(estimate.estimated()).isTrue();
        assertThat(quoted.estimated()).isFalse();

        List<String> csv = CatalogExport.csv(EAST, "us-east-1").lines().toList();
        assertThat(csv).filteredOn(l -> l.startsWith("us-east-1,m5.xlarge,")).singleElement()
                .satisfies(l -> assertThat(l).endsWith("," + estimate.source().label() + ",true"));
        assertThat(csv).filteredOn(l -> l.startsWith("us-east-1,c5.xlarge,")).singleElement()
                .satisfies(l -> assertThat(l).endsWith(",libcloud 2023-08-06,false"));
        assertThat(csv.subList(1, csv.size())).as("a priced row says whether it is estimated, an unpriced one not")
                .allSatisfy(l -> assertThat(l).matches(l.split(",", -1)[11].isEmpty() ? ".*,$" : ".*,(true|false)$"));

        String k = CatalogExport.kconfig(EAST, "us-east-1");
        assertThat(k).contains("\tbool \"m5.xlarge\"\n\thelp\n\t  4 vCPUs, 16 GiB memory, x86_64, about $"
                + java.math.BigDecimal.valueOf(estimate.perHour()).stripTrailingZeros().toPlainString()
                + " per hour (estimated from " + estimate.source().estimatedFrom() + ", libcloud 2023-08-06).\n");
        assertThat(k).contains("\tbool \"c5.xlarge\"\n\thelp\n\t  4 vCPUs, 8 GiB memory, x86_64, $"
                + java.math.BigDecimal.valueOf(quoted.perHour()).stripTrailingZeros().toPlainString()
                + " per hour (libcloud 2023-08-06).\n");
    }
}

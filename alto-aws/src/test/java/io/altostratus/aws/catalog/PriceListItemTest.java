package io.altostratus.aws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading one PriceList document of GetProducts (the documented layout, as {@link FakePricingApi} writes it). */
class PriceListItemTest {

    @Test
    void theOnDemandHourlyPriceIsTakenAndTheReservedUpfrontFeeIsNot() {
        PriceListItem item = PriceListItem.parse(FakePricingApi.document("us-east-1", "m5.xlarge", "0.1920000000"));
        assertThat(item).isEqualTo(new PriceListItem("m5.xlarge", "us-east-1", 0.192));
    }

    @Test
    void aZeroIsNoPriceAndAProductWithoutAnInstanceTypeIsSkipped() {
        assertThat(PriceListItem.parse(FakePricingApi.document("us-east-1", "m5.xlarge", "0.0000000000"))).isNull();
        assertThat(PriceListItem.parse(FakePricingApi.document("us-east-1", "m5.xlarge", "0.192")
                .replace("\"instanceType\":\"m5.xlarge\",", ""))).isNull();
    }

    @Test
    void onlyOnDemandMarketProductsCount() {
        assertThat(PriceListItem.parse(FakePricingApi.document("us-east-1", "p5.48xlarge", "31.464")
                .replace("\"marketoption\":\"OnDemand\"", "\"marketoption\":\"CapacityBlock\""))).isNull();
    }

    @Test
    void aDocumentThatIsNotJsonIsAClearError() {
        assertThatThrownBy(() -> PriceListItem.parse("{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a PriceList entry is not JSON");
    }
}

package io.altostratus.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ARM error codes, ids and names, read without a call. */
class ArmRulesTest {

    @ParameterizedTest(name = "{0} ({2}) -> {3}")
    @CsvSource(delimiter = '|', value = {
            "SkuNotAvailable|The requested size is not available|409|INSUFFICIENT_CAPACITY",
            "AllocationFailed|Allocation failed|200|INSUFFICIENT_CAPACITY",
            "ZonalAllocationFailed|Allocation failed in zone 1|200|INSUFFICIENT_CAPACITY",
            "QuotaExceeded|Operation results in exceeding quota limits of Core|400|QUOTA_EXCEEDED",
            "OperationNotAllowed|Operation could not be completed as it results in exceeding approved Total Regional Cores quota|409|QUOTA_EXCEEDED",
            "OperationNotAllowed|The operation requires the VM to be running|409|INVALID_STATE",
            "Conflict|Another operation is in progress on VM|409|INVALID_STATE",
            "ResourceNotFound|The Resource was not found|404|NOT_FOUND",
            "ResourceGroupNotFound|Resource group 'x' could not be found|404|NOT_FOUND",
            "InvalidAuthenticationToken|The access token is invalid|401|AUTH_FAILURE",
            "AuthorizationFailed|The client does not have authorization|403|AUTH_FAILURE",
            "TooManyRequests|Too many requests|429|THROTTLED",
            "InvalidParameter|bad|400|INVALID_PARAMETER",
            "SomethingNew|odd|500|PROVIDER_ERROR"})
    void armCodesMapToPortableCodes(String code, String message, int status, ErrorCode expected) {
        assertThat(ArmErrors.codeOf(code, message, status)).isEqualTo(expected);
    }

    @Test
    void aFailedOperationsNestedCodeIsTheOneReported() {
        AltoException e = ArmErrors.ofOperation("virtualMachines.createOrUpdate", 200,
                "{\"status\":\"Failed\",\"error\":{\"code\":\"Conflict\",\"message\":\"wrapped\",\"details\":"
                        + "[{\"code\":\"ZonalAllocationFailed\",\"message\":\"no capacity in zone 2\"}]}}", "failed");
        assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
        assertThat(e.providerCode()).isEqualTo("ZonalAllocationFailed");
    }

    @Test
    void vmNamesAndImageIdsAreCheckedWithoutACall() {
        assertThat(ArmNames.isVmName("web-1")).isTrue();
        assertThat(ArmNames.isVmName("a")).isTrue();
        assertThat(ArmNames.isVmName("web-")).isFalse();
        assertThat(ArmNames.isVmName("-web")).isFalse();
        assertThat(ArmNames.isVmName("x".repeat(65))).isFalse();
        assertThat(ArmNames.isVmName("not an id!")).isFalse();
        assertThatThrownBy(() -> ArmNames.vm("i-0123!")).isInstanceOfSatisfying(AltoException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));

        assertThat(ArmNames.urn("Canonical:ubuntu-24_04-lts:server:latest"))
                .isEqualTo(new ArmNames.Urn("Canonical", "ubuntu-24_04-lts", "server", "latest"));
        String managed = "/subscriptions/s/resourceGroups/alto/providers/Microsoft.Compute/images/base-1";
        assertThat(ArmNames.managedImage(managed)).isEqualTo(new ArmNames.ManagedImage("s", "alto", "base-1"));
        assertThatThrownBy(() -> ArmNames.checkImageId("ami-0123456789abcdef0"))
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));

        assertThat(ArmNames.zoneName("eastus", "2")).isEqualTo("eastus-2");
        assertThat(ArmNames.zoneNumber("eastus", "eastus-3")).isEqualTo("3");
        assertThat(ArmNames.zoneNumber("eastus", "eastus2-1")).isNull();
        assertThat(ArmNames.zoneNumber("eastus", "westus-1")).isNull();
    }
}

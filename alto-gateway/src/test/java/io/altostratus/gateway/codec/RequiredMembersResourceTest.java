package io.altostratus.gateway.codec;

import io.altostratus.gateway.codec.internal.FieldModel;
import io.altostratus.gateway.codec.internal.RequiredMembers;
import io.altostratus.gateway.codec.internal.ShapeModel;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Ec2Request;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RequiredMembersResourceTest {

    @Test
    void theCommittedResourceIsWhatTheEc2ModelSays() throws IOException {
        Path jar = RequiredMembersGenerator.modelsJar();
        assumeTrue(Files.isRegularFile(jar), "the EC2 model jar is not in the local Maven repository: " + jar);
        String committed;
        try (InputStream in = RequiredMembers.class.getResourceAsStream(RequiredMembers.RESOURCE)) {
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(committed)
                .as("regenerate with RequiredMembersGenerator.main from the module directory")
                .isEqualTo(RequiredMembersGenerator.generate(jar));
    }

    @Test
    void everyEntryNamesAnSdkShapeAndItsMembers() throws ClassNotFoundException {
        Map<String, Set<String>> table = RequiredMembers.table();
        assertThat(table).hasSizeGreaterThan(400).containsEntry("RunInstancesRequest", Set.of("MinCount", "MaxCount"));
        for (Map.Entry<String, Set<String>> entry : table.entrySet()) {
            Class<?> shape = Class.forName(Ec2Request.class.getPackageName() + "." + entry.getKey());
            Set<String> members = ShapeModel.of(shape).fields().stream().map(FieldModel::memberName)
                    .collect(Collectors.toSet());
            assertThat(members).as(entry.getKey()).containsAll(entry.getValue());
            assertThat(ShapeModel.of(shape).requiredFields()).extracting(FieldModel::memberName)
                    .containsExactlyInAnyOrderElementsOf(entry.getValue());
        }
    }
}

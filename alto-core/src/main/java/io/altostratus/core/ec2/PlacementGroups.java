package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/**
 * EC2's placement groups, as objects of their own: made, listed, tagged and deleted. Errors carry EC2's codes: a
 * name taken ({@code InvalidPlacementGroup.Duplicate}), an unknown one ({@code InvalidPlacementGroup.Unknown}).
 */
public interface PlacementGroups extends Extension {

    PlacementGroup createPlacementGroup(String name, String strategy, Integer partitionCount, String spreadLevel,
                                        Map<String, String> tags);

    List<PlacementGroup> placementGroups();

    void deletePlacementGroup(String name);
}

package io.altostratus.catalog.internal.build;

import java.util.Map;

/**
 * Public facts about AWS regions that the offering files do not carry: the console name and whether an account must
 * opt in before using the region (every region launched since March 2019 is opt-in).
 */
final class AwsRegionFacts {

    record Facts(String displayName, boolean optIn) {
    }

    private static final Map<String, Facts> KNOWN = Map.ofEntries(
            Map.entry("af-south-1", new Facts("Africa (Cape Town)", true)),
            Map.entry("ap-east-1", new Facts("Asia Pacific (Hong Kong)", true)),
            Map.entry("ap-east-2", new Facts("Asia Pacific (Taipei)", true)),
            Map.entry("ap-northeast-1", new Facts("Asia Pacific (Tokyo)", false)),
            Map.entry("ap-northeast-2", new Facts("Asia Pacific (Seoul)", false)),
            Map.entry("ap-northeast-3", new Facts("Asia Pacific (Osaka)", false)),
            Map.entry("ap-south-1", new Facts("Asia Pacific (Mumbai)", false)),
            Map.entry("ap-south-2", new Facts("Asia Pacific (Hyderabad)", true)),
            Map.entry("ap-southeast-1", new Facts("Asia Pacific (Singapore)", false)),
            Map.entry("ap-southeast-2", new Facts("Asia Pacific (Sydney)", false)),
            Map.entry("ap-southeast-3", new Facts("Asia Pacific (Jakarta)", true)),
            Map.entry("ap-southeast-4", new Facts("Asia Pacific (Melbourne)", true)),
            Map.entry("ap-southeast-5", new Facts("Asia Pacific (Malaysia)", true)),
            Map.entry("ap-southeast-6", new Facts("Asia Pacific (New Zealand)", true)),
            Map.entry("ap-southeast-7", new Facts("Asia Pacific (Thailand)", true)),
            Map.entry("ca-central-1", new Facts("Canada (Central)", false)),
            Map.entry("ca-west-1", new Facts("Canada West (Calgary)", true)),
            Map.entry("eu-central-1", new Facts("Europe (Frankfurt)", false)),
            Map.entry("eu-central-2", new Facts("Europe (Zurich)", true)),
            Map.entry("eu-north-1", new Facts("Europe (Stockholm)", false)),
            Map.entry("eu-south-1", new Facts("Europe (Milan)", true)),
            Map.entry("eu-south-2", new Facts("Europe (Spain)", true)),
            Map.entry("eu-west-1", new Facts("Europe (Ireland)", false)),
            Map.entry("eu-west-2", new Facts("Europe (London)", false)),
            Map.entry("eu-west-3", new Facts("Europe (Paris)", false)),
            Map.entry("il-central-1", new Facts("Israel (Tel Aviv)", true)),
            Map.entry("me-central-1", new Facts("Middle East (UAE)", true)),
            Map.entry("me-south-1", new Facts("Middle East (Bahrain)", true)),
            Map.entry("mx-central-1", new Facts("Mexico (Central)", true)),
            Map.entry("sa-east-1", new Facts("South America (São Paulo)", false)),
            Map.entry("us-east-1", new Facts("US East (N. Virginia)", false)),
            Map.entry("us-east-2", new Facts("US East (Ohio)", false)),
            Map.entry("us-west-1", new Facts("US West (N. California)", false)),
            Map.entry("us-west-2", new Facts("US West (Oregon)", false)));

    private AwsRegionFacts() {
    }

    /** The facts of a region; a region unknown here is named by its code and assumed opt-in, as new regions are. */
    static Facts of(String region) {
        return KNOWN.getOrDefault(region, new Facts(region, true));
    }

    static boolean isKnown(String region) {
        return KNOWN.containsKey(region);
    }
}

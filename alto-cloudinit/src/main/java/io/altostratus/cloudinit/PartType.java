package io.altostratus.cloudinit;

/** The MIME types cloud-init recognises for a part of multi-part user data. */
public enum PartType {
    CLOUD_CONFIG("text/cloud-config", "cloud-config.txt"),
    SHELL_SCRIPT("text/x-shellscript", "script.sh"),
    BOOTHOOK("text/cloud-boothook", "boothook.sh"),
    INCLUDE_URL("text/x-include-url", "include.txt"),
    PART_HANDLER("text/part-handler", "part-handler.py"),
    JINJA2("text/jinja2", "template.txt");

    private final String mimeType;
    private final String defaultFilename;

    PartType(String mimeType, String defaultFilename) {
        this.mimeType = mimeType;
        this.defaultFilename = defaultFilename;
    }

    public String mimeType() {
        return mimeType;
    }

    String defaultFilename() {
        return defaultFilename;
    }

    /**
     * The type cloud-init itself would infer from the first line ({@code #cloud-config}, {@code #!},
     * {@code #cloud-boothook}, {@code #include}, {@code #part-handler}, {@code ## template: jinja}).
     *
     * @throws IllegalArgumentException when the first line names no type
     */
    public static PartType sniff(String content) {
        String first = content.lines().findFirst().orElse("").strip();
        if (first.startsWith("#cloud-config")) {
            return CLOUD_CONFIG;
        }
        if (first.startsWith("#!")) {
            return SHELL_SCRIPT;
        }
        if (first.startsWith("#cloud-boothook")) {
            return BOOTHOOK;
        }
        if (first.startsWith("#include")) {
            return INCLUDE_URL;
        }
        if (first.startsWith("#part-handler")) {
            return PART_HANDLER;
        }
        if (first.startsWith("## template: jinja")) {
            return JINJA2;
        }
        throw new IllegalArgumentException("cannot tell the user-data type from its first line '" + first
                + "' (expected #cloud-config, #!, #cloud-boothook, #include, #part-handler or ## template: jinja)");
    }
}

package io.altostratus.lambda;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPU models as the other clouds' catalogs name them ({@code NVIDIA A100}, {@code NVIDIA A100 80GB}), from Lambda's
 * {@code gpu_description} ({@code A100 (40 GB SXM4)}): the vendor, the model, and the memory when Lambda states it,
 * so that {@code --gpu A100:1} and {@code --gpu "A100 80GB"} match Lambda's types as they match GCP's and AWS's.
 */
final class LambdaGpus {
    /** {@code MODEL (NN GB ...)}: the model and the details in parentheses. */
    private static final Pattern DESCRIPTION = Pattern.compile("\\s*([^(]+?)\\s*(?:\\((.*)\\))?\\s*");
    private static final Pattern MEMORY = Pattern.compile("(\\d+)\\s*GB", Pattern.CASE_INSENSITIVE);
    /** A type's own description starts with the count: {@code 8x H100 (80 GB SXM5)}. */
    private static final Pattern COUNT_PREFIX = Pattern.compile("^\\s*\\d+\\s*x\\s+", Pattern.CASE_INSENSITIVE);

    private LambdaGpus() {
    }

    /**
     * The model of a type's GPUs, or null when it has none or nothing names them.
     *
     * @param gpuDescription Lambda's {@code gpu_description}, may be null
     * @param description    the type's {@code description}, used when {@code gpu_description} is missing
     */
    static String model(int gpus, String gpuDescription, String description) {
        if (gpus <= 0) {
            return null;
        }
        String text = blank(gpuDescription) ? (blank(description) ? null
                : COUNT_PREFIX.matcher(description).replaceFirst("")) : gpuDescription;
        if (blank(text)) {
            return null;
        }
        Matcher m = DESCRIPTION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String model = m.group(1).strip();
        String lower = model.toLowerCase(Locale.ROOT);
        // Lambda's GPUs are NVIDIA's; the other clouds put the vendor first, so the vendor is added where missing.
        if (!(lower.startsWith("nvidia") || lower.startsWith("amd") || lower.startsWith("intel"))) {
            model = "NVIDIA " + model;
        }
        if (m.group(2) != null) {
            Matcher memory = MEMORY.matcher(m.group(2));
            if (memory.find()) {
                model = model + " " + memory.group(1) + "GB";
            }
        }
        return model;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

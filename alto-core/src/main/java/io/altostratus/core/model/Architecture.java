package io.altostratus.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** CPU architecture of an image or an instance type, named as EC2 names them. */
public enum Architecture {
    X86_64("x86_64"),
    ARM64("arm64"),
    I386("i386");

    private final String wireName;

    Architecture(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Debian/Ubuntu's name for the architecture, used in image names. */
    public String debianName() {
        return switch (this) {
            case X86_64 -> "amd64";
            case ARM64 -> "arm64";
            case I386 -> "i386";
        };
    }

    /** Accepts EC2 names and the common aliases ({@code amd64}, {@code aarch64}, {@code x86-64}). */
    @JsonCreator
    public static Architecture parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("architecture is missing");
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "x86_64", "x86-64", "amd64", "x64" -> X86_64;
            case "arm64", "aarch64" -> ARM64;
            case "i386", "x86", "i686" -> I386;
            default -> throw new IllegalArgumentException(
                    "unknown architecture '" + text + "' (expected x86_64/amd64 or arm64/aarch64)");
        };
    }

    @Override
    public String toString() {
        return wireName;
    }
}

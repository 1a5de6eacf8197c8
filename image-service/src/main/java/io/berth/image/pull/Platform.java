package io.berth.image.pull;

import io.berth.kit.errors.InvalidParameterException;
import java.util.Locale;

/**
 * An OS and CPU as an image index lists them ({@code linux/amd64}, {@code linux/arm64/v8}), and the one this host
 * runs, in Go's names (moby's platforms.DefaultSpec).
 */
public record Platform(String os, String architecture, String variant) {
    /** The host's platform. */
    public static Platform host() {
        String arch = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> System.getProperty("os.arch");
        };
        return new Platform("linux", arch, null);
    }

    /** The {@code platform} query parameter ({@code os[/arch[/variant]]}); empty means the host's. */
    public static Platform parse(String value) {
        if (value == null || value.isBlank()) {
            return host();
        }
        String[] parts = value.strip().toLowerCase(Locale.ROOT).split("/");
        if (parts.length > 3 || parts[0].isEmpty()) {
            throw new InvalidParameterException("\"" + value + "\": unknown operating system or architecture: invalid argument");
        }
        String arch = parts.length > 1 ? parts[1] : host().architecture();
        if (arch.equals("x86_64")) {
            arch = "amd64";
        } else if (arch.equals("aarch64")) {
            arch = "arm64";
        }
        return new Platform(parts[0], arch, parts.length > 2 ? parts[2] : null);
    }

    /** Whether an index entry's platform is this one (an entry without a variant matches any variant asked for). */
    public boolean matches(String os, String architecture, String variant) {
        if (!this.os.equals(os) || !this.architecture.equals(architecture)) {
            return false;
        }
        return this.variant == null || variant == null || this.variant.equals(variant);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}

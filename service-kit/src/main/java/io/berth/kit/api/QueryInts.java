package io.berth.kit.api;

import io.berth.kit.errors.InvalidParameterException;

/**
 * Whole-number query parameters ({@code t}, {@code limit}, …). They are read as strings and parsed here because
 * JAX-RS answers a parameter it cannot convert with 404, where dockerd answers 400 (its {@code strconv.Atoi} error;
 * Berth also names the parameter).
 */
public final class QueryInts {
    private QueryInts() {
    }

    /** The value, or null when the parameter is absent or empty; 400 naming the parameter when it is no integer. */
    public static Integer parse(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("invalid value for " + name + ": strconv.Atoi: parsing \"" + value
                    + "\": invalid syntax");
        }
    }
}

package io.berth.kit.tenant;

import io.berth.kit.errors.InvalidParameterException;
import java.util.regex.Pattern;

/** The tenant a resource belongs to; every row, event and internal call carries one. */
public record TenantId(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    /** The tenant of every call until authentication arrives. */
    public static final TenantId DEFAULT = new TenantId("default");

    public TenantId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid tenant id: " + value);
        }
    }

    /** Parses a tenant id; {@link IllegalArgumentException} for one that is not lower-case letters, digits, _ and -. */
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    /** The tenant header of an internal call; 400 when it is missing or invalid, for the gateway always sets it. */
    public static TenantId fromHeader(String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidParameterException("internal call without a tenant");
        }
        try {
            return of(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.berth.volume;

import io.berth.kit.errors.InvalidParameterException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A volume's name as Docker's local driver takes it: two or more characters, a letter or digit first, then letters,
 * digits, {@code _}, {@code .} and {@code -}. The rule also keeps a name one path segment on the node. Refusals are
 * dockerd's words, prefixed with the operation as moby's {@code OpErr} does ({@code create x: ...}).
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/volume/local/local.go">moby volume/local validateName</a>
 */
public record VolumeName(String value) {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    public VolumeName {
        if (value == null || value.isEmpty()) {
            throw new InvalidParameterException("create: volume name must not be empty");
        }
        if (value.length() == 1) {
            throw new InvalidParameterException("create " + value
                    + ": volume name is too short, names should be at least two alphanumeric characters");
        }
        if (!VALID.matcher(value).matches()) {
            throw new InvalidParameterException("create " + value + ": \"" + value + "\" includes invalid characters for a"
                    + " local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host"
                    + " directory, use absolute path");
        }
    }

    /** The name a volume created without one gets: 64 random hex digits, as dockerd's {@code GenerateRandomID}. */
    public static VolumeName random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new VolumeName(HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}

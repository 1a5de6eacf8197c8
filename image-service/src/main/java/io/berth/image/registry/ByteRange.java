package io.berth.image.registry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One range of a blob a client asked for with {@code Range: bytes=…} (RFC 9110 §14.1.2): {@code first-last},
 * {@code first-} or the suffix {@code -length}. A list of ranges is answered whole, as the spec allows; a range that
 * starts past the end is unsatisfiable (416).
 */
record ByteRange(long offset, long length) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** Whether {@code header} asks for one satisfiable part of {@code size} bytes: empty means "send it all". */
    static Optional<ByteRange> of(String header, long size) throws Unsatisfiable {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = SINGLE.matcher(header.strip());
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())
                || matcher.group(1).length() > 18 || matcher.group(2).length() > 18) {
            // Several ranges, or a unit other than bytes: RFC 9110 lets a server ignore Range and send the whole.
            return Optional.empty();
        }
        if (matcher.group(1).isEmpty()) {
            long suffix = Long.parseLong(matcher.group(2));
            if (suffix == 0) {
                throw new Unsatisfiable();
            }
            long length = Math.min(suffix, size);
            return Optional.of(new ByteRange(size - length, length));
        }
        long first = Long.parseLong(matcher.group(1));
        long last = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
        if (first >= size || last < first) {
            throw new Unsatisfiable();
        }
        return Optional.of(new ByteRange(first, last - first + 1));
    }

    /** {@code bytes first-last/size}, for {@code Content-Range}. */
    String contentRange(long size) {
        return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
    }

    /** The Range asks for nothing the blob has. */
    static final class Unsatisfiable extends Exception {
        Unsatisfiable() {
            super("range not satisfiable");
        }
    }
}

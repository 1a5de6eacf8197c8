package io.berth.gateway.path;

import io.berth.gateway.version.VersionedPath;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A request path in the one spelling the gateway routes on, so that no spelling reaches what the routing table does
 * not name (a service's {@code /q/} management endpoints above all: the services normalise paths themselves, so a
 * {@code /containers/../q/health} forwarded as it came would reach container-service's health page).
 *
 * <p>The rule: dot segments are removed as RFC 3986 §5.2.4 says, in any spelling ({@code .}, {@code ..},
 * {@code %2e}, {@code .%2E}, …), and empty segments ({@code //}) are dropped, as dockerd does before routing (gorilla
 * mux's {@code cleanPath}, which answers 301 with the clean path). {@code %2F} counts as a slash, because dockerd
 * matches routes on the decoded path. A {@code ..} may only climb inside the route: one that would take off the
 * route's prefix (the {@code /v1.NN} segment, or the first segment after it, which picks the owner) is refused with
 * dockerd's 404, and so is one above the root. A path that needs none of this is passed on byte for byte, its
 * {@code %2F} in an image name included; a path that was cleaned is passed on with plain slashes.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3986#section-5.2.4">RFC 3986 §5.2.4, Remove Dot Segments</a>
 */
public record CanonicalPath(String path) {
    /** A slash in its encoded spelling; dockerd decodes it before matching routes. */
    private static final Pattern SEPARATOR = Pattern.compile("/|%2[fF]");

    public CanonicalPath {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
    }

    /** The canonical form of {@code rawPath} (still percent-encoded, without the query). */
    public static CanonicalPath of(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw pageNotFound();
        }
        String[] pieces = SEPARATOR.split(rawPath.substring(1), -1);
        List<String> kept = new ArrayList<>(pieces.length);
        boolean cleaned = false;
        for (String piece : pieces) {
            switch (decode(piece)) {
                case "", "." -> cleaned = true;
                case ".." -> {
                    if (kept.size() <= prefixLength(kept)) {
                        throw pageNotFound();
                    }
                    kept.removeLast();
                    cleaned = true;
                }
                default -> kept.add(piece);
            }
        }
        if (!cleaned) {
            return new CanonicalPath(rawPath);
        }
        // A trailing slash stays, as gorilla mux's cleanPath keeps it: dockerd has no route that ends in one.
        boolean trailingSlash = rawPath.endsWith("/") && !kept.isEmpty();
        return new CanonicalPath("/" + String.join("/", kept) + (trailingSlash ? "/" : ""));
    }

    /** How many leading segments name the route and may not be climbed out of: {@code /v1.NN} and the owner's. */
    private static int prefixLength(List<String> kept) {
        return !kept.isEmpty() && VersionedPath.isVersionSegment(kept.getFirst()) ? 2 : 1;
    }

    /** The segment as the service will read it; a malformed escape is a bad request, as in Go's URL parser. */
    private static String decode(String piece) {
        if (piece.indexOf('%') < 0) {
            return piece;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(piece.length());
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= piece.length() || !HexFormat.isHexDigit(piece.charAt(i + 1))
                    || !HexFormat.isHexDigit(piece.charAt(i + 2))) {
                throw invalid(piece);
            }
            bytes.write(HexFormat.fromHexDigits(piece, i + 1, i + 3));
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static InvalidParameterException invalid(String piece) {
        return new InvalidParameterException("invalid path: bad percent-encoding in \"" + piece + "\"");
    }

    /** dockerd's answer for a path it has no route for (moby api/server/server.go). */
    private static NotFoundException pageNotFound() {
        return new NotFoundException("page not found");
    }
}

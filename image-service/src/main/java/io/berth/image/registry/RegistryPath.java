package io.berth.image.registry;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code /v2/…} path of the distribution API names: the base, a manifest, a blob, the upload endpoint, an upload
 * session, a tag list, or referrers, with the repository name (which holds slashes) and the reference. The name is
 * everything between {@code /v2/} and the last such suffix, as distribution's router takes it.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#endpoints">endpoints</a>
 */
record RegistryPath(Kind kind, String name, String reference) {
    /** Which endpoint of the spec's table. */
    enum Kind { BASE, MANIFEST, BLOB, UPLOADS, UPLOAD, TAGS, REFERRERS }

    private record Shape(Kind kind, Pattern pattern) {
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape(Kind.TAGS, Pattern.compile("/v2/(.+)/tags/list")),
            new Shape(Kind.MANIFEST, Pattern.compile("/v2/(.+)/manifests/([^/]+)")),
            new Shape(Kind.UPLOADS, Pattern.compile("/v2/(.+)/blobs/uploads/?")),
            new Shape(Kind.UPLOAD, Pattern.compile("/v2/(.+)/blobs/uploads/([^/]+)")),
            new Shape(Kind.BLOB, Pattern.compile("/v2/(.+)/blobs/([^/]+)")),
            new Shape(Kind.REFERRERS, Pattern.compile("/v2/(.+)/referrers/([^/]+)")));

    /** The endpoint {@code path} (already decoded) names, or empty for none. */
    static Optional<RegistryPath> parse(String path) {
        if (path.equals("/v2") || path.equals("/v2/")) {
            return Optional.of(new RegistryPath(Kind.BASE, null, null));
        }
        for (Shape shape : SHAPES) {
            Matcher matcher = shape.pattern().matcher(path);
            if (matcher.matches()) {
                return Optional.of(new RegistryPath(shape.kind(), matcher.group(1),
                        matcher.groupCount() > 1 ? matcher.group(2) : null));
            }
        }
        return Optional.empty();
    }
}

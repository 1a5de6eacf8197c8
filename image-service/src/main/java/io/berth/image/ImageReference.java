package io.berth.image;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.oci.Digest;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference, {@code [registry[:port]/]path[:tag][@digest]}, normalized the way Docker normalizes it:
 * {@code busybox}, {@code library/busybox} and {@code docker.io/library/busybox} are one repository, whose familiar
 * name is {@code busybox}. Parse with {@link #parse}; a reference that does not follow the grammar is a 400
 * {@code invalid reference format}, Docker's words.
 *
 * @see <a href="https://github.com/distribution/reference/blob/v0.6.0/regexp.go">distribution/reference grammar</a>
 * @see <a href="https://github.com/distribution/reference/blob/v0.6.0/normalize.go">ParseNormalizedNamed</a>
 */
public record ImageReference(String domain, String path, String tag, Digest digest) {
    public static final String DEFAULT_DOMAIN = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_PREFIX = "library/";
    private static final String INVALID = "invalid reference format";
    private static final int MAX_NAME_LENGTH = 255;

    private static final String ALPHANUMERIC = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])";
    private static final String DOMAIN_AND_PORT = HOST + "(?::[0-9]+)?";
    private static final Pattern DOMAIN = Pattern.compile(DOMAIN_AND_PORT);
    private static final Pattern PATH = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    /** A whole reference: name, optional tag, optional digest (any algorithm here; {@link Digest} then checks it). */
    private static final Pattern REFERENCE = Pattern.compile(
            "((?:" + DOMAIN_AND_PORT + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*)"
                    + "(?::([\\w][\\w.-]{0,127}))?"
                    + "(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?");
    private static final Pattern FULL_ID = Pattern.compile("[a-f0-9]{64}");

    public ImageReference {
        if (domain == null || !DOMAIN.matcher(domain).matches() || path == null || !PATH.matcher(path).matches()
                || (tag != null && !TAG.matcher(tag).matches())) {
            throw new InvalidParameterException(INVALID);
        }
        if (domain.length() + 1 + path.length() > MAX_NAME_LENGTH) {
            throw new InvalidParameterException(INVALID + ": repository name must not be more than 255 characters");
        }
    }

    /**
     * Parses and normalizes a reference as a client writes it. A bare 64-hex string is refused, as Docker refuses
     * it for a repository name: it is an image id (see {@link #isFullId}).
     */
    public static ImageReference parse(String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidParameterException(INVALID);
        }
        if (FULL_ID.matcher(value).matches()) {
            throw new InvalidParameterException(INVALID + ": invalid repository name (" + value
                    + "), cannot specify 64-byte hexadecimal strings");
        }
        String domain = DEFAULT_DOMAIN;
        String remainder = value;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            String first = value.substring(0, slash);
            // The first component is a registry when it looks like a host: a dot, a port, localhost, or upper case.
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase(Locale.ROOT))) {
                domain = first;
                remainder = value.substring(slash + 1);
            }
        }
        if (domain.equals(LEGACY_DEFAULT_DOMAIN)) {
            domain = DEFAULT_DOMAIN;
        }
        Matcher whole = REFERENCE.matcher(remainder);
        if (!whole.matches()) {
            String remote = remainder.split("[:@]", 2)[0];
            if (!remote.equals(remote.toLowerCase(Locale.ROOT))) {
                String shown = domain.equals(DEFAULT_DOMAIN) && !remote.contains("/") ? OFFICIAL_PREFIX + remote : remote;
                throw new InvalidParameterException(INVALID + ": repository name (" + shown + ") must be lowercase");
            }
            throw new InvalidParameterException(INVALID);
        }
        String path = whole.group(1);
        if (domain.equals(DEFAULT_DOMAIN) && !path.contains("/")) {
            path = OFFICIAL_PREFIX + path;
        }
        Digest digest = null;
        if (whole.group(3) != null) {
            digest = Digest.tryParse(whole.group(3))
                    .orElseThrow(() -> new InvalidParameterException(INVALID + ": unsupported digest " + whole.group(3)));
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new InvalidParameterException(INVALID);
        }
        return new ImageReference(domain, path, whole.group(2), digest);
    }

    /** Whether the value is a full image id without its algorithm: 64 lower-case hex characters. */
    public static boolean isFullId(String value) {
        return value != null && FULL_ID.matcher(value).matches();
    }

    /** The fully qualified repository, {@code docker.io/library/busybox}. */
    public String name() {
        return domain + "/" + path;
    }

    /** The repository as Docker shows it: {@code busybox}, {@code someone/app}, {@code localhost:5000/x}. */
    public String familiarName() {
        if (domain.equals(DEFAULT_DOMAIN)) {
            if (path.startsWith(OFFICIAL_PREFIX) && path.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
                return path.substring(OFFICIAL_PREFIX.length());
            }
            return path;
        }
        return name();
    }

    /** The tag, or {@code latest} when none was given. */
    public String tagOrLatest() {
        return tag == null ? DEFAULT_TAG : tag;
    }

    /** The same reference with {@code latest} added when it has neither tag nor digest (moby's TagNameOnly). */
    public ImageReference withDefaultTag() {
        return tag == null && digest == null ? new ImageReference(domain, path, DEFAULT_TAG, null) : this;
    }

    /** What Docker prints for this reference: {@code busybox:latest}, {@code x@sha256:...}. */
    public String familiarString() {
        return familiarName() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    @Override
    public String toString() {
        return familiarString();
    }
}

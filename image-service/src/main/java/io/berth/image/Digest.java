package io.berth.image;

import io.berth.kit.errors.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A sha256 content digest, {@code sha256:<64 lower-case hex>}: the name of every blob, manifest and image id.
 * Only sha256 is accepted, as in Jib's {@code DescriptorDigest}; the OCI image spec lets registries refuse others.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.1/descriptor.md#digests">OCI digests</a>
 */
public record Digest(String hex) {
    public static final String ALGORITHM = "sha256";
    private static final String PREFIX = ALGORITHM + ":";
    private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new InvalidParameterException("invalid digest hex: " + hex);
        }
    }

    /** Parses {@code sha256:<hex>}; 400 {@code invalid digest} for anything else. */
    public static Digest of(String value) {
        return parse(value).orElseThrow(() -> new InvalidParameterException("invalid digest: " + value));
    }

    /** Parses {@code sha256:<hex>}, empty for anything else. */
    public static Optional<Digest> parse(String value) {
        if (value == null || !value.startsWith(PREFIX) || !HEX.matcher(value).region(PREFIX.length(), value.length()).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Digest(value.substring(PREFIX.length())));
    }

    /** Builds a digest from 64 hex characters alone, as a full image id may be written. */
    public static Digest ofHex(String hex) {
        return new Digest(hex);
    }

    /** The sha256 of these bytes. */
    public static Digest sha256(byte[] content) {
        return ofHash(hasher().digest(content));
    }

    /** A fresh sha256 hasher, for digesting while streaming. */
    public static MessageDigest hasher() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The digest a finished hasher computed. */
    public static Digest ofHash(byte[] hash) {
        return new Digest(HexFormat.of().formatHex(hash));
    }

    /** The first 12 hex characters, as Docker shortens ids. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return PREFIX + hex;
    }
}

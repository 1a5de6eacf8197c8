package io.berth.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A sha256 content digest, {@code sha256:<64 lower-case hex>}: the name of every blob, manifest, image id and chain
 * id. Only sha256 is accepted, as in Jib's {@code DescriptorDigest}; the OCI image spec lets registries refuse other
 * algorithms, and Berth's registry serves nothing else. In JSON it is its text.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.1/descriptor.md#digests">OCI digests</a>
 */
public final class Digest {
    public static final String ALGORITHM = "sha256";
    private static final String PREFIX = ALGORITHM + ":";
    private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}");
    private final String hex;

    private Digest(String hex) {
        this.hex = hex;
    }

    /**
     * Parses {@code sha256:<64 lower-case hex>}. Fails with {@link IllegalArgumentException} for anything else; a
     * caller that took the text from a client maps that to its 400.
     */
    @JsonCreator
    public static Digest parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("invalid digest " + quoted(text)
                + ": expected sha256:<64 lower-case hex digits>"));
    }

    /** Parses {@code sha256:<64 lower-case hex>}; empty for anything else. */
    public static Optional<Digest> tryParse(String text) {
        if (text == null || !text.startsWith(PREFIX)
                || !HEX.matcher(text).region(PREFIX.length(), text.length()).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Digest(text.substring(PREFIX.length())));
    }

    /** A digest from its 64 hex digits alone, as Docker writes a full image id; {@link IllegalArgumentException} otherwise. */
    public static Digest ofHex(String hex) {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid digest hex " + quoted(hex) + ": expected 64 lower-case hex digits");
        }
        return new Digest(hex);
    }

    /** The sha256 of these bytes. */
    public static Digest of(byte[] content) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(content)));
    }

    /** A fresh hasher, for blobs too large to hold in memory. */
    public static Hasher hasher() {
        return new Hasher(sha256());
    }

    public String algorithm() {
        return ALGORITHM;
    }

    /** The 64 lower-case hex digits, which name a blob's file. */
    public String hex() {
        return hex;
    }

    /** {@code sha256:<hex>}, the form every OCI and Docker document writes. */
    @JsonValue
    @Override
    public String toString() {
        return PREFIX + hex;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Digest digest && digest.hex.equals(hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String quoted(String text) {
        if (text == null) {
            return "(none)";
        }
        // A client's text goes into an error message: keep it short.
        return "\"" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "\"";
    }

    /** Computes a {@link Digest} of bytes as they stream through; one hasher per blob. */
    public static final class Hasher {
        private final MessageDigest sha;

        private Hasher(MessageDigest sha) {
            this.sha = sha;
        }

        /** Hashes what is read through the returned stream. */
        public InputStream reading(InputStream in) {
            return new DigestInputStream(in, sha);
        }

        /** Hashes what is written through the returned stream. */
        public OutputStream writing(OutputStream out) {
            return new DigestOutputStream(out, sha);
        }

        /** The digest of everything hashed so far; the hasher starts over afterwards. */
        public Digest digest() {
            return new Digest(HexFormat.of().formatHex(sha.digest()));
        }
    }
}

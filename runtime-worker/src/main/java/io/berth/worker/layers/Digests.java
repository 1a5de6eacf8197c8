package io.berth.worker.layers;

import io.berth.kit.errors.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** sha256 content digests, the only algorithm Berth's registry serves. */
final class Digests {
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

    private Digests() {
    }

    static String require(String digest, String what) {
        if (digest == null || !SHA256.matcher(digest).matches()) {
            throw new InvalidParameterException("invalid " + what + " digest: " + digest);
        }
        return digest;
    }

    static String hex(String digest) {
        return digest.substring("sha256:".length());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String of(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    }
}

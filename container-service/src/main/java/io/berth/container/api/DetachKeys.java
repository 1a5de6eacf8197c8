package io.berth.container.api;

import io.berth.kit.errors.InvalidParameterException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * The key sequence that detaches a client from a container's stdin without ending it ({@code detachKeys}; ctrl-p
 * ctrl-q by default), read as moby's {@code term.ToBytes} reads it: a comma-separated list of single characters and
 * {@code ctrl-<x>} names, {@code x} one of {@code @ a-z [ \ ] ^ _}. {@link Scanner} watches a stream for it as moby's
 * escape proxy does: bytes that may begin the sequence are held back, and passed on when it does not follow.
 *
 * @see <a href="https://github.com/moby/term/blob/v0.5.0/term.go">moby/term ToBytes</a>
 */
final class DetachKeys {
    static final String DEFAULT = "ctrl-p,ctrl-q";
    private static final String CONTROLS = "@abcdefghijklmnopqrstuvwxyz[\\]^_";

    private DetachKeys() {
    }

    /** The sequence; the default for null or empty; 400 in dockerd's words for one that does not parse. */
    static byte[] parse(String keys) {
        String text = keys == null || keys.isEmpty() ? DEFAULT : keys;
        ByteArrayOutputStream codes = new ByteArrayOutputStream();
        for (String key : text.split(",", -1)) {
            if (key.length() == 1) {
                codes.write(key.charAt(0));
                continue;
            }
            String lower = key.toLowerCase(Locale.ROOT);
            int control = lower.startsWith("ctrl-") && lower.length() == 6 ? CONTROLS.indexOf(lower.charAt(5)) : -1;
            if (control < 0) {
                throw new InvalidParameterException("Invalid detach keys (" + keys + ") provided");
            }
            codes.write(control);
        }
        return codes.toByteArray();
    }

    /** Watches one client's input for the sequence. */
    static final class Scanner {
        private final byte[] keys;
        private int matched;
        private boolean detached;

        Scanner(byte[] keys) {
            this.keys = keys.clone();
        }

        /** What of {@code input} goes on to the container; after the sequence, nothing more. */
        byte[] pass(byte[] input) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length);
            for (byte b : input) {
                if (detached) {
                    break;
                }
                if (b == keys[matched]) {
                    matched++;
                    if (matched == keys.length) {
                        detached = true;
                    }
                    continue;
                }
                // Not the sequence after all: what was held back goes on, and this byte may start it anew.
                out.write(keys, 0, matched);
                matched = 0;
                if (b == keys[0]) {
                    matched = keys.length == 1 ? 0 : 1;
                    detached = keys.length == 1;
                    continue;
                }
                out.write(b);
            }
            return out.toByteArray();
        }

        boolean detached() {
            return detached;
        }

        @Override
        public String toString() {
            return "DetachKeys.Scanner" + Arrays.toString(keys);
        }
    }
}

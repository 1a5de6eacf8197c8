package io.berth.oci.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a {@link Spec} as a bundle's {@code config.json} and reads one back. Reading is strict: a field Berth does
 * not model is refused, not dropped, so nothing a spec asked for is silently lost.
 */
public final class SpecJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();

    private SpecJson() {
    }

    /** The bytes of {@code config.json}: Jackson's default pretty printing, absent parts left out. */
    public static byte[] write(Spec spec) {
        try {
            return PRETTY.writeValueAsBytes(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a spec; {@link IllegalArgumentException} with Jackson's words for what it cannot read. */
    public static Spec read(byte[] json) {
        try {
            return JSON.readValue(json, Spec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an OCI runtime spec Berth can read: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

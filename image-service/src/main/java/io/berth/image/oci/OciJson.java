package io.berth.image.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes and reads OCI documents. Writing is canonical (fixed field order, no whitespace, no nulls) so the same image
 * always has the same digests; it is deliberately not the application's ObjectMapper, whose settings may change.
 */
public final class OciJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private OciJson() {
    }

    public static byte[] write(Object document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + document.getClass().getSimpleName(), e);
        }
    }

    /** {@link #write} as a string. */
    public static String writeString(Object document) {
        return new String(write(document), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The document as a tree, for what reads any manifest type; fails with the parser's words. */
    public static com.fasterxml.jackson.databind.JsonNode tree(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type.getSimpleName(), e);
        }
    }
}

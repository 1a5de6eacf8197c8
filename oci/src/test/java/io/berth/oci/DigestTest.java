package io.berth.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The digest value type against values computed once with sha256sum. */
class DigestTest {
    // printf '' | sha256sum; printf 'abc' | sha256sum
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void digestsContentAsSha256() {
        assertThat(Digest.of(new byte[0]).toString()).isEqualTo("sha256:" + EMPTY);
        assertThat(Digest.of("abc".getBytes(StandardCharsets.UTF_8)).hex()).isEqualTo(ABC);
    }

    @Test
    void hashesWhatStreamsThroughEitherWay() throws Exception {
        Digest.Hasher reader = Digest.hasher();
        try (InputStream in = reader.reading(new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(in.readAllBytes()).hasSize(3);
        }
        assertThat(reader.digest().hex()).isEqualTo(ABC);

        Digest.Hasher writer = Digest.hasher();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = writer.writing(sink)) {
            out.write('a');
            out.write("bc".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(writer.digest().hex()).isEqualTo(ABC);
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("abc");
    }

    @Test
    void parsesAndPrintsTheSameText() {
        Digest digest = Digest.parse("sha256:" + EMPTY);
        assertThat(digest.algorithm()).isEqualTo("sha256");
        assertThat(digest.hex()).isEqualTo(EMPTY);
        assertThat(digest.toString()).isEqualTo("sha256:" + EMPTY);
        assertThat(Digest.ofHex(EMPTY)).isEqualTo(digest).hasSameHashCodeAs(digest);
        assertThat(Digest.tryParse("sha256:" + EMPTY)).contains(digest);
        assertThat(digest).isNotEqualTo(Digest.ofHex(ABC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha256:", "sha256:abc", "sha512:" + EMPTY, "SHA256:" + EMPTY, "sha256:" + EMPTY + "0",
            "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", EMPTY, "sha256: " + EMPTY})
    void refusesAnythingButSha256WithLowerCaseHex(String text) {
        assertThat(Digest.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> Digest.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid digest \"" + text + "\": expected sha256:<64 lower-case hex digits>");
    }

    @Test
    void saysWhatWasMissingOrTooLongToRepeat() {
        assertThatThrownBy(() -> Digest.parse(null)).hasMessage(
                "invalid digest (none): expected sha256:<64 lower-case hex digits>");
        assertThatThrownBy(() -> Digest.parse("x".repeat(1000))).hasMessageStartingWith(
                "invalid digest \"" + "x".repeat(80) + "…\":");
    }

    @Test
    void refusesBadHex() {
        assertThatThrownBy(() -> Digest.ofHex("xyz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid digest hex \"xyz\": expected 64 lower-case hex digits");
        assertThatThrownBy(() -> Digest.ofHex(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Digest.ofHex("sha256:" + EMPTY)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Wire records carry a digest as its text, as every OCI and Docker document does. */
    record Descriptor(Digest digest) {
    }

    @Test
    void isItsTextInJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String text = "{\"digest\":\"sha256:" + EMPTY + "\"}";
        assertThat(json.writeValueAsString(new Descriptor(Digest.ofHex(EMPTY)))).isEqualTo(text);
        assertThat(json.readValue(text, Descriptor.class).digest()).isEqualTo(Digest.ofHex(EMPTY));
        assertThatThrownBy(() -> json.readValue("{\"digest\":\"sha256:abc\"}", Descriptor.class))
                .hasMessageContaining("invalid digest \"sha256:abc\"");
    }
}

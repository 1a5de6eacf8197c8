package io.berth.image.oci;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.image.build.BuiltImage;
import io.berth.image.build.BusyboxImage;
import io.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OCI documents Berth writes, against golden files, byte for byte: their digests depend on every byte. */
class OciGoldenTest {
    private static final byte[] FAKE_BUSYBOX = "not really busybox".getBytes(StandardCharsets.UTF_8);
    private static final Instant WHEN = Instant.parse("2024-05-06T07:08:09Z");

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = OciGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    void configRoundTripsByteForByte() throws IOException {
        byte[] golden = golden("busybox-config.json");
        assertThat(new String(OciJson.write(OciJson.read(golden, OciImageConfig.class)), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden, StandardCharsets.UTF_8));
    }

    @Test
    void manifestRoundTripsByteForByte() throws IOException {
        byte[] golden = golden("busybox-manifest.json");
        assertThat(new String(OciJson.write(OciJson.read(golden, OciManifest.class)), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden, StandardCharsets.UTF_8));
    }

    @Test
    void theSeedBuilderWritesTheGoldenConfig() throws IOException {
        BuiltImage image = BusyboxImage.build(FAKE_BUSYBOX, List.of("ls", "sh"), WHEN);
        assertThat(new String(image.config(), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden("busybox-config.json"), StandardCharsets.UTF_8));
    }

    @Test
    void theSeedBuilderWritesAManifestShapedLikeTheGolden() throws IOException {
        BuiltImage image = BusyboxImage.build(FAKE_BUSYBOX, List.of("ls", "sh"), WHEN);
        OciManifest built = OciJson.read(image.manifest(), OciManifest.class);
        OciManifest golden = OciJson.read(golden("busybox-manifest.json"), OciManifest.class);
        // The layer's gzip bytes may differ between zlib builds; everything else must match the golden file.
        assertThat(built.config()).isEqualTo(golden.config());
        assertThat(built.config().digest()).isEqualTo(image.configDigest().toString());
        assertThat(built.schemaVersion()).isEqualTo(golden.schemaVersion());
        assertThat(built.mediaType()).isEqualTo(golden.mediaType());
        assertThat(built.layers()).singleElement().satisfies(layer -> {
            assertThat(layer.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
            assertThat(layer.digest()).isEqualTo(Digest.of(image.layers().get(0).compressed()).toString());
            assertThat(layer.size()).isEqualTo(image.layers().get(0).compressed().length);
        });
        assertThat(image.manifestDigest()).isEqualTo(Digest.of(image.manifest()));
    }

    @Test
    void writingLeavesOutWhatIsNotSet() {
        OciManifest manifest = OciManifest.of(OciDescriptor.of(MediaTypes.OCI_CONFIG, "sha256:" + "a".repeat(64), 2), List.of());
        assertThat(new String(OciJson.write(manifest), StandardCharsets.UTF_8)).isEqualTo(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
                        + "a".repeat(64) + "\",\"size\":2},\"layers\":[]}");
    }
}

package io.berth.image.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.oci.Digest;
import io.vertx.mutiny.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
    private static Vertx vertx;

    @TempDir
    Path root;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.closeAndAwait();
    }

    @Test
    void storesUnderItsDigest() throws IOException {
        BlobStore store = new BlobStore(root, vertx);
        byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
        Digest digest = store.put(content);
        assertThat(digest).isEqualTo(Digest.of(content));
        Path file = root.resolve("blobs/sha256/" + digest.hex());
        assertThat(store.path(digest)).isEqualTo(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(store.contains(digest)).isTrue();
        assertThat(store.read(digest)).isEqualTo(content);
        assertThat(store.size(digest).await().atMost(Duration.ofSeconds(5))).contains(5L);
        assertThat(leftovers()).isZero();
    }

    @Test
    void storingTheSameContentTwiceIsFine() {
        BlobStore store = new BlobStore(root, vertx);
        byte[] content = "same".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.of(content);
        assertThat(store.put(new ByteArrayInputStream(content), Optional.of(digest))).isEqualTo(digest);
        assertThat(store.put(new ByteArrayInputStream(content), Optional.of(digest))).isEqualTo(digest);
        assertThat(store.read(digest)).isEqualTo(content);
    }

    @Test
    void refusesContentThatIsNotWhatItClaimsAndKeepsNothing() throws IOException {
        BlobStore store = new BlobStore(root, vertx);
        Digest claimed = Digest.of("expected".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream("other".getBytes(StandardCharsets.UTF_8)), Optional.of(claimed)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("digest mismatch: expected " + claimed);
        assertThat(store.contains(claimed)).isFalse();
        assertThat(store.contains(Digest.of("other".getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(leftovers()).isZero();
    }

    @Test
    void aMissingBlobHasNoSize() {
        BlobStore store = new BlobStore(root, vertx);
        assertThat(store.size(Digest.ofHex("0".repeat(64))).await().atMost(Duration.ofSeconds(5))).isEmpty();
    }

    private long leftovers() throws IOException {
        Path tmp = root.resolve("tmp");
        if (!Files.exists(tmp)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.count();
        }
    }
}

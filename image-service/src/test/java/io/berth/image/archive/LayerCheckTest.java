package io.berth.image.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.oci.Digest;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What a layer unpacks to, and which layers a node must not unpack. */
class LayerCheckTest {
    @Test
    void aPlainAndAGzippedLayerHaveTheDigestAndSizeOfTheTar() throws Exception {
        byte[] tar = TestArchives.tar("bin/", "", "bin/sh", "shell", "etc/passwd", "root:x:0:0", "bin/ash -> /bin/sh", "",
                "usr/bin/sh => bin/sh", "", "lib/.wh.gone", "");
        for (byte[] layer : new byte[][] {tar, TestArchives.gzip(tar)}) {
            LayerCheck.Result result = LayerCheck.scan(new ByteArrayInputStream(layer));
            assertThat(result.diffId()).isEqualTo(Digest.of(tar));
            assertThat(result.size()).isEqualTo(tar.length);
        }
    }

    @Test
    void unsafeMembersAreRefusedSayingWhy() {
        assertInvalid(TestArchives.tar("../etc/passwd", "x"), "climbs out of the image's root");
        assertInvalid(TestArchives.tar("a/../../b", "x"), "climbs out");
        assertInvalid(TestArchives.tar("/etc/passwd", "x"), "absolute path");
        assertInvalid(TestArchives.tar("evil => ../../etc/shadow", ""), "hard link target");
        assertInvalid(TestArchives.tar("evil => /etc/shadow", ""), "absolute path");
        assertInvalid(TestArchives.tar("etc -> /host/etc", "", "etc/passwd", "x"), "goes through the symbolic link etc");
    }

    @Test
    void aTruncatedTarAndACorruptGzipAreRefused() {
        byte[] tar = TestArchives.tar("file", "x".repeat(2000));
        assertInvalid(Arrays.copyOf(tar, 700), "not a readable tar");
        byte[] gzip = TestArchives.gzip(tar);
        gzip[gzip.length / 2] ^= 0x55;
        assertInvalid(gzip, "");
        assertInvalid(Arrays.copyOf(TestArchives.gzip(tar), 30), "");
    }

    private static void assertInvalid(byte[] layer, String words) {
        assertThatThrownBy(() -> LayerCheck.scan(new ByteArrayInputStream(layer)))
                .isInstanceOf(LayerCheck.Invalid.class).hasMessageContaining(words);
    }
}

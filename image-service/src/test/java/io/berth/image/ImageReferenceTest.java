package io.berth.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.oci.Digest;
import org.junit.jupiter.api.Test;

/**
 * Docker's reference grammar and normalisation. Plain loops, no {@code @ParameterizedTest}: Kafka's test jar (test-kit,
 * for the ITs) registers a JUnit extension that breaks it.
 */
class ImageReferenceTest {
    private static final String HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final String[] NORMALISED = {
            // reference,                           domain,          path,                 tag,   familiar name,          familiar string
            "busybox,                               docker.io,       library/busybox,      -,     busybox,                busybox",
            "busybox:latest,                        docker.io,       library/busybox,      latest, busybox,               busybox:latest",
            "library/busybox:1.36,                  docker.io,       library/busybox,      1.36,  busybox,                busybox:1.36",
            "docker.io/library/busybox,             docker.io,       library/busybox,      -,     busybox,                busybox",
            "index.docker.io/library/busybox,       docker.io,       library/busybox,      -,     busybox,                busybox",
            "docker.io/someone/app:v1,              docker.io,       someone/app,          v1,    someone/app,            someone/app:v1",
            "someone/app,                           docker.io,       someone/app,          -,     someone/app,            someone/app",
            "library/a/b,                           docker.io,       library/a/b,          -,     library/a/b,            library/a/b",
            "localhost:5000/x:tag,                  localhost:5000,  x,                    tag,   localhost:5000/x,       localhost:5000/x:tag",
            "localhost/x,                           localhost,       x,                    -,     localhost/x,            localhost/x",
            "registry.example.com/team/app/web:1_0, registry.example.com, team/app/web,    1_0,   registry.example.com/team/app/web, registry.example.com/team/app/web:1_0",
            "Registry.Example.com/x,                Registry.Example.com, x,               -,     Registry.Example.com/x, Registry.Example.com/x",
            "[::1]:5000/x,                          [::1]:5000,      x,                    -,     [::1]:5000/x,           [::1]:5000/x",
            "a__b.c-d---e,                          docker.io,       library/a__b.c-d---e, -,     a__b.c-d---e,           a__b.c-d---e",
            "x:Tag_With.Dots-1,                     docker.io,       library/x,            Tag_With.Dots-1, x,            x:Tag_With.Dots-1",
            "sha256:abc,                            docker.io,       library/sha256,       abc,   sha256,                 sha256:abc",
            "e3b0c44298fc,                          docker.io,       library/e3b0c44298fc, -,     e3b0c44298fc,           e3b0c44298fc",
    };

    @Test
    void parsesAndNormalizesLikeDocker() {
        for (String row : NORMALISED) {
            String[] cells = java.util.Arrays.stream(row.split(",")).map(String::strip).map(c -> c.equals("-") ? null : c)
                    .toArray(String[]::new);
            parsesAndNormalizes(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]);
        }
    }

    private static void parsesAndNormalizes(String text, String domain, String path, String tag, String familiarName, String familiar) {
        ImageReference ref = ImageReference.parse(text);
        assertThat(ref.domain()).as(text).isEqualTo(domain);
        assertThat(ref.path()).isEqualTo(path);
        assertThat(ref.tag()).isEqualTo(tag);
        assertThat(ref.digest()).isNull();
        assertThat(ref.familiarName()).isEqualTo(familiarName);
        assertThat(ref.familiarString()).isEqualTo(familiar);
        assertThat(ref.name()).isEqualTo(domain + "/" + path);
    }

    @Test
    void keepsADigest() {
        ImageReference ref = ImageReference.parse("busybox@sha256:" + HEX);
        assertThat(ref.digest()).isEqualTo(Digest.ofHex(HEX));
        assertThat(ref.tag()).isNull();
        assertThat(ref.familiarString()).isEqualTo("busybox@sha256:" + HEX);
        assertThat(ref.withDefaultTag()).isSameAs(ref);

        ImageReference both = ImageReference.parse("localhost:5000/x:1@sha256:" + HEX);
        assertThat(both.tag()).isEqualTo("1");
        assertThat(both.digest()).isEqualTo(Digest.ofHex(HEX));
        assertThat(both.familiarString()).isEqualTo("localhost:5000/x:1@sha256:" + HEX);
    }

    @Test
    void addsLatestOnlyWhenNothingElseIsNamed() {
        assertThat(ImageReference.parse("nosuch").withDefaultTag().familiarString()).isEqualTo("nosuch:latest");
        assertThat(ImageReference.parse("nosuch:1").withDefaultTag().familiarString()).isEqualTo("nosuch:1");
        assertThat(ImageReference.parse("nosuch").tagOrLatest()).isEqualTo("latest");
        assertThat(ImageReference.parse("docker.io/library/busybox").withDefaultTag().toString()).isEqualTo("busybox:latest");
    }

    private static final String[] INVALID = {"", ":", ":tag", "busybox:", "busybox::1", "bad!name", "a//b", "/a", "a/", "-a", "a-", "a..b",
            "a b", "x:-tag", "x:" + "t123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789",
            "x@sha256:abc", "x@sha512:" + HEX + HEX, "x@", "x@sha256:" + HEX + "@sha256:" + HEX, "localhost:5000/", "localhost:port/x",
            "sha256:" + HEX + "/x", "exa_mple.com/x/"};

    @Test
    void refusesWhatDockerCallsInvalid() {
        for (String text : INVALID) {
            assertThatThrownBy(() -> ImageReference.parse(text)).as("[%s]", text)
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageStartingWith("invalid reference format");
        }
    }

    @Test
    void saysWhenARepositoryIsNotLowerCase() {
        assertThatThrownBy(() -> ImageReference.parse("Upper"))
                .hasMessage("invalid reference format: repository name (library/Upper) must be lowercase");
        assertThatThrownBy(() -> ImageReference.parse("someone/App:1"))
                .hasMessage("invalid reference format: repository name (someone/App) must be lowercase");
    }

    @Test
    void refusesAFullIdAsARepositoryName() {
        assertThat(ImageReference.isFullId(HEX)).isTrue();
        assertThat(ImageReference.isFullId(HEX.substring(1))).isFalse();
        assertThatThrownBy(() -> ImageReference.parse(HEX))
                .hasMessageContaining("cannot specify 64-byte hexadecimal strings");
    }

    @Test
    void refusesOverlongNames() {
        String longPath = "a".repeat(250);
        assertThatThrownBy(() -> ImageReference.parse("example.com/" + longPath))
                .hasMessage("invalid reference format: repository name must not be more than 255 characters");
    }

    @Test
    void constructorValidatesToo() {
        assertThatThrownBy(() -> new ImageReference("docker.io", "Library/x", null, null)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> new ImageReference("docker.io", "x", "bad tag", null)).isInstanceOf(InvalidParameterException.class);
    }
}

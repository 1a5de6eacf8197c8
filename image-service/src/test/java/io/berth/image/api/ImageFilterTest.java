package io.berth.image.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.image.Image;
import io.berth.image.RepoTag;
import io.berth.image.oci.OciImageConfig;
import io.berth.kit.api.DockerFilters;
import io.berth.oci.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageFilterTest {
    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    private static Image image(Map<String, String> labels, RepoTag... tags) {
        OciImageConfig config = new OciImageConfig(null, null, "amd64", null, "linux",
                new OciImageConfig.RunConfig(null, null, null, null, null, null, null, labels, null), null, null);
        return new Image(Digest.ofHex("a".repeat(64)), Digest.ofHex("b".repeat(64)), "m", config, 1, NOW, List.of(tags));
    }

    private static boolean matches(String filters, Image image) {
        return new ImageFilter(DockerFilters.parse(filters)).matches(image);
    }

    @Test
    void referenceIsAGlobOverNameAndNameWithTag() {
        Image busybox = image(null, new RepoTag("busybox", "latest", NOW));
        Image app = image(null, new RepoTag("localhost:5000/team/app", "v1", NOW));
        assertThat(matches("{\"reference\":[\"busybox\"]}", busybox)).isTrue();
        assertThat(matches("{\"reference\":[\"busybox:latest\"]}", busybox)).isTrue();
        assertThat(matches("{\"reference\":[\"busybox:1\"]}", busybox)).isFalse();
        assertThat(matches("{\"reference\":[\"b*\"]}", busybox)).isTrue();
        assertThat(matches("{\"reference\":[\"*:lat?st\"]}", busybox)).isTrue();
        assertThat(matches("{\"reference\":[\"[ab]usybox\"]}", busybox)).isTrue();
        assertThat(matches("{\"reference\":[\"alpine\",\"busybox\"]}", busybox)).isTrue();
        assertThat(matches("{\"reference\":[\"*\"]}", app)).isFalse();
        assertThat(matches("{\"reference\":[\"localhost:5000/*/*\"]}", app)).isTrue();
        assertThat(matches("{\"reference\":[\"busybox\"]}", image(null))).isFalse();
    }

    @Test
    void aReferenceFilterShowsOnlyTheTagsItMatches() {
        Image both = image(null, new RepoTag("busybox", "latest", NOW), new RepoTag("e2e/tagged", "1", NOW));
        ImageFilter filter = new ImageFilter(DockerFilters.parse("{\"reference\":[\"e2e/tagged\"]}"));
        assertThat(filter.shown(both).tags()).extracting(RepoTag::toString).containsExactly("e2e/tagged:1");
        assertThat(new ImageFilter(DockerFilters.parse(null)).shown(both).tags()).hasSize(2);
    }

    @Test
    void danglingMeansUntagged() {
        assertThat(matches("{\"dangling\":[\"true\"]}", image(null))).isTrue();
        assertThat(matches("{\"dangling\":[\"true\"]}", image(null, new RepoTag("x", "1", NOW)))).isFalse();
        assertThat(matches("{\"dangling\":[\"false\"]}", image(null, new RepoTag("x", "1", NOW)))).isTrue();
        assertThat(matches("{\"dangling\":[\"false\"]}", image(null))).isFalse();
    }

    @Test
    void labelsAndUnknownKeys() {
        Image labelled = image(Map.of("tier", "web"), new RepoTag("x", "1", NOW));
        assertThat(matches("{\"label\":[\"tier\"]}", labelled)).isTrue();
        assertThat(matches("{\"label\":[\"tier=db\"]}", labelled)).isFalse();
        assertThat(matches("{\"label\":[\"tier\"]}", image(null))).isFalse();
        assertThat(matches("{\"since\":[\"busybox\"]}", labelled)).isTrue();
        assertThat(matches(null, labelled)).isTrue();
    }
}

package io.berth.image.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.image.Image;
import io.berth.image.RepoTag;
import io.berth.image.oci.OciImageConfig;
import io.berth.kit.api.DockerFilters;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import io.smallrye.mutiny.Uni;
import io.berth.oci.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageFilterTest {
    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    private static Image image(Map<String, String> labels, RepoTag... tags) {
        OciImageConfig config = new OciImageConfig(null, null, "amd64", null, "linux",
                new OciImageConfig.RunConfig(null, null, null, null, null, null, null, labels, null, null, null, null), null, null);
        return new Image(Digest.ofHex("a".repeat(64)), Digest.ofHex("b".repeat(64)), "m", config, 1, NOW, List.of(tags));
    }

    private static ImageFilter filter(String filters) {
        return ImageFilter.of(DockerFilters.parse(filters), name -> name.equals("old")
                ? Uni.createFrom().item(created(NOW.minusSeconds(60)))
                : Uni.createFrom().failure(new NotFoundException("No such image: " + name)), NOW.plusSeconds(3600))
                .await().indefinitely();
    }

    private static Image created(Instant when) {
        Image any = image(null);
        return new Image(any.id(), any.manifestDigest(), any.manifestMediaType(), any.config(), 1, when, List.of());
    }

    private static boolean matches(String filters, Image image) {
        return filter(filters).matches(image);
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
        ImageFilter filter = filter("{\"reference\":[\"e2e/tagged\"]}");
        assertThat(filter.shown(both).tags()).extracting(RepoTag::toString).containsExactly("e2e/tagged:1");
        assertThat(filter(null).shown(both).tags()).hasSize(2);
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
        assertThat(matches("{\"label!\":[\"tier=web\"]}", labelled)).isFalse();
        assertThat(matches("{\"label!\":[\"tier=db\"]}", labelled)).isTrue();
        assertThat(matches(null, labelled)).isTrue();
        assertThatThrownBy(() -> filter("{\"color\":[\"red\"]}")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("invalid filter 'color'");
    }

    @Test
    void beforeAndSinceCompareWithTheNamedImageAndUntilWithATime() {
        Image older = created(NOW.minusSeconds(120));
        Image newer = created(NOW);
        assertThat(matches("{\"before\":[\"old\"]}", older)).isTrue();
        assertThat(matches("{\"before\":[\"old\"]}", newer)).isFalse();
        assertThat(matches("{\"since\":[\"old\"]}", older)).isFalse();
        assertThat(matches("{\"since\":[\"old\"]}", newer)).isTrue();
        // until is read against the filter's "now", an hour after NOW: 30m ago is after NOW.
        assertThat(matches("{\"until\":[\"30m\"]}", newer)).isTrue();
        assertThat(matches("{\"until\":[\"2h\"]}", newer)).isFalse();
        assertThatThrownBy(() -> filter("{\"before\":[\"missing\"]}")).isInstanceOf(NotFoundException.class);
    }
}

package io.berth.gateway.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one spelling of a path the gateway routes on, and the spellings it refuses. (Plain loops, not parameterized
 * tests: Kafka's test jar on the class path registers a JUnit extension that breaks {@code @ParameterizedTest}.)
 */
class CanonicalPathTest {
    @Test
    void aCleanPathIsPassedOnByteForByte() {
        for (String path : List.of("/containers/json", "/v1.47/containers/json", "/_ping", "/info/", "/v1.47",
                "/images/library%2Fbusybox/json", "/images/sha256:abc/json", "/v2/busybox/manifests/latest",
                "/containers/..;/info", "/containers/a%5c..%5cinfo", "/containers/...", "/containers/.x")) {
            assertThat(CanonicalPath.of(path).path()).as(path).isEqualTo(path);
        }
    }

    @Test
    void dotAndEmptySegmentsAreRemovedInsideTheRoute() {
        // What dockerd answers with a 301 to its clean path (gorilla mux cleanPath), Berth serves at once.
        Map<String, String> cleaned = Map.ofEntries(
                Map.entry("//containers/json", "/containers/json"),
                Map.entry("/containers//json", "/containers/json"),
                Map.entry("/./containers/json", "/containers/json"),
                Map.entry("/containers/./json", "/containers/json"),
                Map.entry("/containers/%2e/json", "/containers/json"),
                Map.entry("/containers/abc/../json", "/containers/json"),
                Map.entry("/containers/abc/%2e%2e/json", "/containers/json"),
                Map.entry("/containers/abc/.%2E/json", "/containers/json"),
                Map.entry("/containers/abc%2f..%2Fjson", "/containers/json"),
                Map.entry("/v1.47/containers/abc/../json", "/v1.47/containers/json"),
                Map.entry("/v1.47//containers/json", "/v1.47/containers/json"),
                Map.entry("/containers/abc/../json/", "/containers/json/"),
                Map.entry("/containers/abc/..", "/containers"));
        cleaned.forEach((raw, canonical) -> assertThat(CanonicalPath.of(raw).path()).as(raw).isEqualTo(canonical));
    }

    @Test
    void aPathThatWouldLeaveItsRoutesPrefixIsNotFound() {
        for (String raw : List.of("/containers/../q/health", "/containers/%2e%2e/q/health",
                "/containers/%2E%2e/q/health", "/containers/.%2e/q/health", "/containers/..%2fq%2fhealth",
                "/containers/..%2Fq/health", "/v1.47/../q/health", "/v1.47/../info", "/v1.47/containers/../../q/health",
                "/v1.47/containers/..", "/containers/abc/../../q/health", "/../_ping", "/%2e%2e/_ping", "//../q/health",
                "/./../info", "/containers/json/../../_ping", "/containers/../containers/json",
                "/images/a%2F..%2F..%2Fq%2Fhealth", "/containers/%2e%2e/internal/images/resolve")) {
            assertThatThrownBy(() -> CanonicalPath.of(raw)).as(raw).isInstanceOf(NotFoundException.class)
                    .hasMessage("page not found");
        }
    }

    @Test
    void aMalformedEscapeIsABadRequest() {
        for (String raw : List.of("/containers/%zz/json", "/containers/abc%2", "/containers/%")) {
            assertThatThrownBy(() -> CanonicalPath.of(raw)).as(raw).isInstanceOf(InvalidParameterException.class)
                    .hasMessageStartingWith("invalid path: bad percent-encoding");
        }
    }
}

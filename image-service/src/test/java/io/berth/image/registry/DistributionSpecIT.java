package io.berth.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.image.BlobRootResource;
import io.berth.oci.Digest;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Berth's registry against the OCI distribution spec v1.1.1, its four conformance areas written from the spec's text
 * (spec.md "Pull", "Push", "Content Discovery", "Content Management"), plus its tenant rules and bad input.
 * Each test works in repositories of its own.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BlobRootResource.class, restrictToAnnotatedClass = true)
class DistributionSpecIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

    @TestHTTPResource("/")
    URI base;

    RegistryClient registry;
    String repo;

    @BeforeEach
    void client() {
        registry = new RegistryClient(base, "default");
        repo = "conformance/" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---------------------------------------------------------------- pull

    @Test
    void theBaseAnswers200WithTheApiVersionHeader() {
        HttpResponse<byte[]> answer = registry.get("/v2/");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    }

    @Test
    void aPushedBlobAndManifestArePulledByDigestAndTagWithGetAndHead() throws Exception {
        byte[] layer = "layer bytes".getBytes(StandardCharsets.UTF_8);
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        pushBlob(repo, layer);
        pushBlob(repo, config);
        byte[] manifest = imageManifest(config, layer);
        Digest digest = Digest.of(manifest);
        assertThat(putManifest(repo, "v1", manifest, OCI_MANIFEST).statusCode()).isEqualTo(201);

        HttpResponse<byte[]> byTag = registry.get("/v2/" + repo + "/manifests/v1");
        assertThat(byTag.statusCode()).isEqualTo(200);
        assertThat(byTag.body()).isEqualTo(manifest);
        assertThat(byTag.headers().firstValue("Content-Type")).hasValue(OCI_MANIFEST);
        assertThat(byTag.headers().firstValue("Docker-Content-Digest")).hasValue(digest.toString());
        assertThat(registry.get("/v2/" + repo + "/manifests/" + digest).body()).isEqualTo(manifest);
        for (String reference : List.of("v1", digest.toString())) {
            HttpResponse<byte[]> head = registry.head("/v2/" + repo + "/manifests/" + reference);
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(manifest.length));
            assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(digest.toString());
        }

        HttpResponse<byte[]> blob = registry.get("/v2/" + repo + "/blobs/" + Digest.of(layer));
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat(blob.body()).isEqualTo(layer);
        assertThat(blob.headers().firstValue("Docker-Content-Digest")).hasValue(Digest.of(layer).toString());
        HttpResponse<byte[]> blobHead = registry.head("/v2/" + repo + "/blobs/" + Digest.of(layer));
        assertThat(blobHead.statusCode()).isEqualTo(200);
        assertThat(blobHead.headers().firstValue("Content-Length")).hasValue(Integer.toString(layer.length));
    }

    @Test
    void aBlobIsServedInRanges() {
        byte[] layer = "0123456789".getBytes(StandardCharsets.UTF_8);
        pushBlob(repo, layer);
        String path = "/v2/" + repo + "/blobs/" + Digest.of(layer);

        HttpResponse<byte[]> middle = registry.send("GET", path, null, Map.of("Range", "bytes=2-5"));
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(new String(middle.body(), StandardCharsets.UTF_8)).isEqualTo("2345");
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 2-5/10");
        HttpResponse<byte[]> tail = registry.send("GET", path, null, Map.of("Range", "bytes=7-"));
        assertThat(new String(tail.body(), StandardCharsets.UTF_8)).isEqualTo("789");
        HttpResponse<byte[]> suffix = registry.send("GET", path, null, Map.of("Range", "bytes=-2"));
        assertThat(new String(suffix.body(), StandardCharsets.UTF_8)).isEqualTo("89");
        assertThat(registry.send("GET", path, null, Map.of("Range", "bytes=10-")).statusCode()).isEqualTo(416);
    }

    @Test
    void missingBlobsAndManifestsAre404AndABadDigestIs400Or404() throws Exception {
        pushBlob(repo, "something".getBytes(StandardCharsets.UTF_8));
        Digest absent = Digest.of("absent".getBytes(StandardCharsets.UTF_8));

        assertError(registry.get("/v2/" + repo + "/blobs/" + absent), 404, "BLOB_UNKNOWN");
        assertThat(registry.head("/v2/" + repo + "/blobs/" + absent).statusCode()).isEqualTo(404);
        assertError(registry.get("/v2/" + repo + "/manifests/" + absent), 404, "MANIFEST_UNKNOWN");
        assertError(registry.get("/v2/" + repo + "/manifests/nosuchtag"), 404, "MANIFEST_UNKNOWN");
        assertThat(registry.head("/v2/" + repo + "/manifests/nosuchtag").statusCode()).isEqualTo(404);
        // The conformance suite's "sha256:totallywrong": 400 with an OCI code, or 404.
        assertError(registry.get("/v2/" + repo + "/manifests/sha256:totallywrong"), 400, "DIGEST_INVALID");
        assertError(registry.get("/v2/nosuch/repo/manifests/latest"), 404, "NAME_UNKNOWN");
    }

    // ---------------------------------------------------------------- push

    @Test
    void aStreamedUploadIsPostPatchWithoutRangeThenPut() {
        byte[] blob = "streamed blob".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> post = registry.send("POST", "/v2/" + repo + "/blobs/uploads/", null, Map.of());
        assertThat(post.statusCode()).isEqualTo(202);
        String location = post.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> patch = registry.send("PATCH", location, blob, Map.of("Content-Type", "application/octet-stream"));
        assertThat(patch.statusCode()).isEqualTo(202);
        assertThat(patch.headers().firstValue("Range")).hasValue("0-" + (blob.length - 1));
        HttpResponse<byte[]> put = registry.send("PUT", patch.headers().firstValue("Location").orElseThrow()
                + "?digest=" + Digest.of(blob), null, Map.of());
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("Location")).hasValue("/v2/" + repo + "/blobs/" + Digest.of(blob));
        assertThat(registry.get("/v2/" + repo + "/blobs/" + Digest.of(blob)).body()).isEqualTo(blob);
    }

    @Test
    void aMonolithicUploadIsPostThenPutWithTheBodyOrOnePostWithTheDigest() {
        byte[] first = "monolithic one".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> post = registry.send("POST", "/v2/" + repo + "/blobs/uploads/", null, Map.of());
        HttpResponse<byte[]> put = registry.send("PUT", post.headers().firstValue("Location").orElseThrow() + "?digest="
                + Digest.of(first), first, Map.of("Content-Type", "application/octet-stream"));
        assertThat(put.statusCode()).isEqualTo(201);

        byte[] second = "monolithic two".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> single = registry.send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + Digest.of(second),
                second, Map.of("Content-Type", "application/octet-stream"));
        assertThat(single.statusCode()).isEqualTo(201);
        assertThat(single.headers().firstValue("Docker-Content-Digest")).hasValue(Digest.of(second).toString());
        assertThat(registry.get("/v2/" + repo + "/blobs/" + Digest.of(first)).body()).isEqualTo(first);
        assertThat(registry.get("/v2/" + repo + "/blobs/" + Digest.of(second)).body()).isEqualTo(second);
    }

    @Test
    void aChunkedUploadTakesChunksInOrderOnlyAndSaysHowFarItGot() {
        byte[] blob = "chunk one|chunk two".getBytes(StandardCharsets.UTF_8);
        byte[] one = Arrays.copyOfRange(blob, 0, 10);
        byte[] two = Arrays.copyOfRange(blob, 10, blob.length);
        HttpResponse<byte[]> post = registry.send("POST", "/v2/" + repo + "/blobs/uploads/", null, Map.of());
        String location = post.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> outOfOrder = registry.send("PATCH", location, two, chunk(10, two.length));
        assertThat(outOfOrder.statusCode()).isEqualTo(416);
        HttpResponse<byte[]> first = registry.send("PATCH", location, one, chunk(0, one.length));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Range")).hasValue("0-9");
        location = first.headers().firstValue("Location").orElseThrow();
        assertThat(registry.send("PATCH", location, one, chunk(0, one.length)).statusCode())
                .as("the same chunk again").isEqualTo(416);
        HttpResponse<byte[]> status = registry.get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).hasValue("0-9");
        assertThat(status.headers().firstValue("Location")).isPresent();
        HttpResponse<byte[]> second = registry.send("PATCH", location, two, chunk(10, two.length));
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.headers().firstValue("Range")).hasValue("0-" + (blob.length - 1));
        HttpResponse<byte[]> close = registry.send("PUT", second.headers().firstValue("Location").orElseThrow()
                + "?digest=" + Digest.of(blob), null, Map.of());
        assertThat(close.statusCode()).isEqualTo(201);
        assertThat(registry.get("/v2/" + repo + "/blobs/" + Digest.of(blob)).body()).isEqualTo(blob);
    }

    @Test
    void aBlobWhoseBytesDoNotMatchItsDigestIsRefusedAndLeavesNoUploadNorBlob() {
        byte[] blob = "the real bytes".getBytes(StandardCharsets.UTF_8);
        Digest claimed = Digest.of("other bytes".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> post = registry.send("POST", "/v2/" + repo + "/blobs/uploads/", null, Map.of());
        String location = post.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> put = registry.send("PUT", location + "?digest=" + claimed, blob, Map.of());
        assertError(put, 400, "DIGEST_INVALID");
        assertThat(new String(put.body(), StandardCharsets.UTF_8)).contains(Digest.of(blob).toString());
        assertError(registry.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
        assertThat(registry.head("/v2/" + repo + "/blobs/" + claimed).statusCode()).isEqualTo(404);
        assertThat(registry.head("/v2/" + repo + "/blobs/" + Digest.of(blob)).statusCode()).isEqualTo(404);
    }

    @Test
    void aBlobIsMountedFromAnotherRepositoryOrAutomaticallyAndAnUnknownOneStartsAnUpload() {
        byte[] blob = "mount me".getBytes(StandardCharsets.UTF_8);
        pushBlob(repo, blob);
        String other = repo + "-other";

        HttpResponse<byte[]> mounted = registry.send("POST", "/v2/" + other + "/blobs/uploads/?mount=" + Digest.of(blob)
                + "&from=" + repo, null, Map.of());
        assertThat(mounted.statusCode()).isEqualTo(201);
        assertThat(mounted.headers().firstValue("Location")).hasValue("/v2/" + other + "/blobs/" + Digest.of(blob));
        assertThat(registry.get("/v2/" + other + "/blobs/" + Digest.of(blob)).body()).isEqualTo(blob);
        HttpResponse<byte[]> automatic = registry.send("POST", "/v2/" + repo + "-third/blobs/uploads/?mount="
                + Digest.of(blob), null, Map.of());
        assertThat(automatic.statusCode()).isEqualTo(201);
        HttpResponse<byte[]> unknown = registry.send("POST", "/v2/" + other + "/blobs/uploads/?mount="
                + Digest.of("nobody has it".getBytes(StandardCharsets.UTF_8)) + "&from=" + repo, null, Map.of());
        assertThat(unknown.statusCode()).isEqualTo(202);
        assertThat(unknown.headers().firstValue("Location").orElseThrow()).startsWith("/v2/" + other + "/blobs/uploads/");
    }

    @Test
    void manifestsOfEveryTypeArePushedAnAbsentSubjectIsAcceptedAndAnsweredWithOciSubject() throws Exception {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        pushBlob(repo, config);
        byte[] empty = imageManifest(config);
        assertThat(putManifest(repo, "nolayers", empty, OCI_MANIFEST).statusCode()).as("a manifest with no layers").isEqualTo(201);
        byte[] docker = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\""
                + Digest.of(config) + "\",\"size\":" + config.length + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        assertThat(putManifest(repo, "docker", docker, "application/vnd.docker.distribution.manifest.v2+json").statusCode())
                .isEqualTo(201);
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
                + OCI_MANIFEST + "\",\"digest\":\"" + Digest.of(empty) + "\",\"size\":" + empty.length
                + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}").getBytes(StandardCharsets.UTF_8);
        assertThat(putManifest(repo, "multi", index, OCI_INDEX).statusCode()).isEqualTo(201);
        assertThat(registry.get("/v2/" + repo + "/manifests/multi").headers().firstValue("Content-Type")).hasValue(OCI_INDEX);

        Digest absent = Digest.of("a manifest nobody pushed".getBytes(StandardCharsets.UTF_8));
        byte[] referrer = artifact(config, "application/vnd.example.sbom", absent, "{\"org.example\":\"yes\"}");
        HttpResponse<byte[]> pushed = putManifest(repo, Digest.of(referrer).toString(), referrer, OCI_MANIFEST);
        assertThat(pushed.statusCode()).isEqualTo(201);
        assertThat(pushed.headers().firstValue("OCI-Subject")).hasValue(absent.toString());
    }

    // ---------------------------------------------------------------- bad manifests

    @Test
    void aManifestNamingBlobsTheRepositoryLacksIsRefusedAndNotStored() throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        pushBlob(repo, config);
        byte[] manifest = imageManifest(config, "never pushed".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> put = putManifest(repo, "broken", manifest, OCI_MANIFEST);
        assertError(put, 400, "MANIFEST_BLOB_UNKNOWN");
        assertThat(new String(put.body(), StandardCharsets.UTF_8))
                .contains(Digest.of("never pushed".getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(registry.get("/v2/" + repo + "/manifests/broken").statusCode()).isEqualTo(404);
        assertThat(registry.get("/v2/" + repo + "/manifests/" + Digest.of(manifest)).statusCode()).isEqualTo(404);
    }

    @Test
    void aManifestOver4MiBAnUnknownMediaTypeBrokenJsonAndAWrongDigestAreRefused() throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        pushBlob(repo, config);
        byte[] huge = new byte[4 * 1024 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');
        assertError(putManifest(repo, "huge", huge, OCI_MANIFEST), 413, "SIZE_INVALID");

        byte[] manifest = imageManifest(config);
        HttpResponse<byte[]> unknownType = registry.send("PUT", "/v2/" + repo + "/manifests/odd",
                new String(manifest, StandardCharsets.UTF_8).replace(OCI_MANIFEST, "application/vnd.example.odd+json")
                        .getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/vnd.example.odd+json"));
        assertError(unknownType, 400, "MANIFEST_INVALID");
        assertThat(new String(unknownType.body(), StandardCharsets.UTF_8)).contains("unknown manifest media type");
        assertError(putManifest(repo, "json", "{not json".getBytes(StandardCharsets.UTF_8), OCI_MANIFEST), 400, "MANIFEST_INVALID");
        assertError(putManifest(repo, Digest.of("other".getBytes(StandardCharsets.UTF_8)).toString(), manifest, OCI_MANIFEST),
                400, "DIGEST_INVALID");
        assertThat(JSON.readTree(registry.get("/v2/" + repo + "/tags/list").body()).get("tags")).isEmpty();
    }

    // ---------------------------------------------------------------- content discovery

    @Test
    void tagsAreListedInLexicalOrderAndPagedWithNAndLast() throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        pushBlob(repo, config);
        byte[] manifest = imageManifest(config);
        for (String tag : List.of("b", "A", "c", "a")) {
            putManifest(repo, tag, manifest, OCI_MANIFEST);
        }

        JsonNode all = JSON.readTree(registry.get("/v2/" + repo + "/tags/list").body());
        assertThat(all.get("name").asText()).isEqualTo(repo);
        assertThat(all.get("tags")).extracting(JsonNode::asText).containsExactly("A", "a", "b", "c");
        HttpResponse<byte[]> page = registry.get("/v2/" + repo + "/tags/list?n=2");
        assertThat(JSON.readTree(page.body()).get("tags")).extracting(JsonNode::asText).containsExactly("A", "a");
        assertThat(page.headers().firstValue("Link")).hasValue("</v2/" + repo + "/tags/list?n=2&last=a>; rel=\"next\"");
        HttpResponse<byte[]> last = registry.get("/v2/" + repo + "/tags/list?n=2&last=a");
        assertThat(JSON.readTree(last.body()).get("tags")).extracting(JsonNode::asText).containsExactly("b", "c");
        assertThat(last.headers().firstValue("Link")).isEmpty();
        HttpResponse<byte[]> none = registry.get("/v2/" + repo + "/tags/list?n=0");
        assertThat(JSON.readTree(none.body()).get("tags")).isEmpty();
        assertThat(none.headers().firstValue("Link")).isEmpty();
        assertError(registry.get("/v2/no/such/repo/tags/list"), 404, "NAME_UNKNOWN");
    }

    @Test
    void referrersListTheManifestsWithThatSubjectFilteredByArtifactType() throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        pushBlob(repo, config);
        byte[] subject = imageManifest(config);
        putManifest(repo, "app", subject, OCI_MANIFEST);
        byte[] sbom = artifact(config, "application/vnd.example.sbom", Digest.of(subject), "{\"kind\":\"sbom\"}");
        byte[] signature = artifact(config, "application/vnd.example.sig", Digest.of(subject), null);
        putManifest(repo, Digest.of(sbom).toString(), sbom, OCI_MANIFEST);
        putManifest(repo, Digest.of(signature).toString(), signature, OCI_MANIFEST);

        HttpResponse<byte[]> all = registry.get("/v2/" + repo + "/referrers/" + Digest.of(subject));
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValue(OCI_INDEX);
        JsonNode index = JSON.readTree(all.body());
        assertThat(index.get("manifests")).hasSize(2);
        JsonNode first = index.get("manifests").get(0);
        assertThat(first.get("digest").asText()).isEqualTo(Digest.of(sbom).toString());
        assertThat(first.get("artifactType").asText()).isEqualTo("application/vnd.example.sbom");
        assertThat(first.get("size").asInt()).isEqualTo(sbom.length);
        assertThat(first.at("/annotations/kind").asText()).isEqualTo("sbom");
        HttpResponse<byte[]> filtered = registry.get("/v2/" + repo + "/referrers/" + Digest.of(subject)
                + "?artifactType=application/vnd.example.sig");
        assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
        assertThat(JSON.readTree(filtered.body()).get("manifests")).singleElement()
                .satisfies(entry -> assertThat(entry.get("digest").asText()).isEqualTo(Digest.of(signature).toString()));
        HttpResponse<byte[]> nothing = registry.get("/v2/" + repo + "/referrers/"
                + Digest.of("nothing refers to it".getBytes(StandardCharsets.UTF_8)));
        assertThat(nothing.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(nothing.body()).get("manifests")).isEmpty();
        assertError(registry.get("/v2/" + repo + "/referrers/sha256:nothex"), 400, "DIGEST_INVALID");
    }

    // ---------------------------------------------------------------- content management

    @Test
    void deletingATagAManifestABlobAndAnUploadMakesThemGone() throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = "to delete".getBytes(StandardCharsets.UTF_8);
        pushBlob(repo, config);
        pushBlob(repo, layer);
        byte[] manifest = imageManifest(config, layer);
        putManifest(repo, "one", manifest, OCI_MANIFEST);
        putManifest(repo, "two", manifest, OCI_MANIFEST);

        assertThat(registry.delete("/v2/" + repo + "/manifests/one").statusCode()).isEqualTo(202);
        assertThat(registry.get("/v2/" + repo + "/manifests/one").statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(registry.get("/v2/" + repo + "/tags/list").body()).get("tags"))
                .extracting(JsonNode::asText).containsExactly("two");
        assertThat(registry.delete("/v2/" + repo + "/manifests/" + Digest.of(manifest)).statusCode()).isEqualTo(202);
        assertThat(registry.get("/v2/" + repo + "/manifests/" + Digest.of(manifest)).statusCode()).isEqualTo(404);
        assertThat(registry.get("/v2/" + repo + "/manifests/two").statusCode()).as("its tags go with it").isEqualTo(404);
        assertThat(registry.delete("/v2/" + repo + "/manifests/" + Digest.of(manifest)).statusCode()).isEqualTo(404);
        assertThat(registry.delete("/v2/" + repo + "/blobs/" + Digest.of(layer)).statusCode()).isEqualTo(202);
        assertThat(registry.get("/v2/" + repo + "/blobs/" + Digest.of(layer)).statusCode()).isEqualTo(404);

        String location = registry.send("POST", "/v2/" + repo + "/blobs/uploads/", null, Map.of())
                .headers().firstValue("Location").orElseThrow();
        assertThat(registry.delete(location).statusCode()).isEqualTo(204);
        assertError(registry.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    // ---------------------------------------------------------------- tenants and names

    @Test
    void anotherTenantSeesNoneOfItAndCannotMountIt() throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        pushBlob(repo, config);
        putManifest(repo, "mine", imageManifest(config), OCI_MANIFEST);
        RegistryClient other = registry.as("acme");

        assertError(other.get("/v2/" + repo + "/manifests/mine"), 404, "NAME_UNKNOWN");
        assertError(other.get("/v2/" + repo + "/blobs/" + Digest.of(config)), 404, "NAME_UNKNOWN");
        assertError(other.get("/v2/" + repo + "/tags/list"), 404, "NAME_UNKNOWN");
        HttpResponse<byte[]> mount = other.send("POST", "/v2/theirs/blobs/uploads/?mount=" + Digest.of(config)
                + "&from=" + repo, null, Map.of());
        assertThat(mount.statusCode()).as("a new upload, not a mount").isEqualTo(202);
        String upload = registry.send("POST", "/v2/" + repo + "/blobs/uploads/", null, Map.of())
                .headers().firstValue("Location").orElseThrow();
        assertError(other.get(upload), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void aNameOutsideTheGrammarIsNameInvalid() {
        assertError(registry.get("/v2/Upper/Case/tags/list"), 400, "NAME_INVALID");
        assertError(registry.get("/v2/a..b/manifests/latest"), 400, "NAME_INVALID");
        assertError(registry.get("/v2/" + "a".repeat(256) + "/tags/list"), 400, "NAME_INVALID");
    }

    // ---------------------------------------------------------------- helpers

    private void pushBlob(String repository, byte[] blob) {
        HttpResponse<byte[]> put = registry.send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + Digest.of(blob),
                blob, Map.of("Content-Type", "application/octet-stream"));
        assertThat(put.statusCode()).as(new String(put.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    }

    private HttpResponse<byte[]> putManifest(String repository, String reference, byte[] manifest, String type) {
        return registry.send("PUT", "/v2/" + repository + "/manifests/" + reference, manifest, Map.of("Content-Type", type));
    }

    private static byte[] imageManifest(byte[] config, byte[]... layers) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + OCI_CONFIG + "\",\"digest\":\"" + Digest.of(config) + "\",\"size\":" + config.length + "},\"layers\":[");
        for (int i = 0; i < layers.length; i++) {
            json.append(i > 0 ? "," : "").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"")
                    .append(Digest.of(layers[i])).append("\",\"size\":").append(layers[i].length).append('}');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] artifact(byte[] config, String artifactType, Digest subject, String annotations) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":\"" + artifactType
                + "\",\"config\":{\"mediaType\":\"" + OCI_CONFIG + "\",\"digest\":\"" + Digest.of(config) + "\",\"size\":"
                + config.length + "},\"layers\":[],\"subject\":{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + subject
                + "\",\"size\":100}" + (annotations == null ? "" : ",\"annotations\":" + annotations) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> chunk(long start, int length) {
        return Map.of("Content-Type", "application/octet-stream", "Content-Range", start + "-" + (start + length - 1));
    }

    private static void assertError(HttpResponse<byte[]> answer, int status, String code) {
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        assertThat(answer.statusCode()).as(body).isEqualTo(status);
        try {
            assertThat(JSON.readTree(body).at("/errors/0/code").asText()).as(body).isEqualTo(code);
        } catch (java.io.IOException e) {
            throw new AssertionError("not the registry's error shape: " + body, e);
        }
    }
}

package io.berth.image.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.image.BlobRootResource;
import io.berth.image.archive.TestArchives;
import io.berth.oci.Digest;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.berth.testkit.fixtures.FixtureImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * docker load, save and import: both layouts, a real Debian image round trip, an import with its changes, and every bad
 * archive refused cleanly.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BlobRootResource.class, restrictToAnnotatedClass = true)
class ImageArchiveIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "berth.image.blob-root")
    Path blobRoot;

    private static RequestSpecification api() {
        return given().header("X-Berth-Tenant", "default");
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response load(byte[] archive, String quiet) {
        return api().contentType("application/x-tar").body(archive).post("/images/load" + (quiet == null ? "" : "?quiet=" + quiet));
    }

    @Test
    void bothLayoutsLoadWithTheirTagsAndDockersWords() {
        for (boolean oci : new boolean[] {true, false}) {
            String tag = "loaded/" + (oci ? "oci" : "legacy") + "-" + unique() + ":1";
            byte[] layer = TestArchives.tar("hello", "from " + tag);
            byte[] gzipped = TestArchives.gzip(TestArchives.tar("more", "layers " + tag));
            byte[] archive = TestArchives.archive(List.of(layer, gzipped),
                    List.of(Digest.of(layer).toString(), Digest.of(TestArchives.tar("more", "layers " + tag)).toString()),
                    List.of(tag), oci);

            load(archive, "0").then().statusCode(200).contentType("application/json")
                    .body(containsString("\"status\":\"Loading layer\""))
                    .body(containsString("{\"stream\":\"Loaded image: " + tag + "\\n\"}"));
            api().get("/images/" + tag + "/json").then().statusCode(200)
                    .body("RootFS.Layers.size()", equalTo(2))
                    .body("Config.Cmd[0]", equalTo("sh"))
                    .body("Size", equalTo(layer.length + TestArchives.tar("more", "layers " + tag).length));
        }
    }

    @Test
    void anUntaggedImageAndATakenTagAreReportedAsDockerdReportsThem() {
        byte[] layer = TestArchives.tar("untagged", unique());
        byte[] archive = TestArchives.archive(List.of(layer), List.of(Digest.of(layer).toString()), List.of(), true);
        String body = load(archive, null).then().statusCode(200).extract().asString();
        assertThat(body).startsWith("{\"stream\":\"Loaded image ID: sha256:").doesNotContain("Loading layer");

        String tag = "taken/" + unique() + ":1";
        byte[] first = TestArchives.tar("first", tag);
        byte[] second = TestArchives.tar("second", tag);
        load(TestArchives.archive(List.of(first), List.of(Digest.of(first).toString()), List.of(tag), true), "1").then().statusCode(200);
        String oldId = api().get("/images/" + tag + "/json").then().extract().path("Id");
        load(TestArchives.archive(List.of(second), List.of(Digest.of(second).toString()), List.of(tag), true), "1").then()
                .statusCode(200).body(containsString("The image " + tag + " already exists, renaming the old one with ID "
                        + oldId + " to empty string"));
        api().get("/images/" + oldId + "/json").then().statusCode(200).body("RepoTags.size()", equalTo(0));
    }

    @Test
    void aRealDebianImageRoundTripsThroughSaveAndLoad() throws IOException {
        Path fixture = FixtureImages.archive(FixtureImages.DEBIAN);
        String reference = FixtureImages.reference(FixtureImages.DEBIAN);
        load(Files.readAllBytes(fixture), "1").then().statusCode(200).body(containsString("Loaded image: " + reference));
        String id = api().get("/images/" + reference + "/json").then().statusCode(200).extract().path("Id");
        api().get("/images/" + reference + "/history").then().statusCode(200).body("[0].Id", equalTo(id));

        byte[] saved = api().get("/images/get?names=" + reference).then().statusCode(200)
                .contentType("application/x-tar").extract().asByteArray();
        Map<String, byte[]> members = untar(saved);
        assertThat(members).containsKeys("oci-layout", "index.json", "manifest.json", "repositories");
        members.forEach((name, bytes) -> {
            if (name.startsWith("blobs/sha256/")) {
                assertThat(Digest.of(bytes).hex()).as(name).isEqualTo(name.substring("blobs/sha256/".length()));
            }
        });
        JsonNode manifest = JSON.readTree(members.get("manifest.json")).get(0);
        assertThat(manifest.get("RepoTags").get(0).asText()).isEqualTo(reference);
        assertThat(manifest.get("Config").asText()).isEqualTo("blobs/sha256/" + id.substring(7));
        assertThat(JSON.readTree(members.get("index.json")).at("/manifests/0/annotations/io.containerd.image.name").asText())
                .isEqualTo("docker.io/" + reference);

        api().delete("/images/" + reference).then().statusCode(200);
        load(saved, "1").then().statusCode(200).body(containsString("Loaded image: " + reference));
        api().get("/images/" + reference + "/json").then().statusCode(200).body("Id", equalTo(id));
        api().get("/images/" + id.substring(7, 19) + "/get").then().statusCode(200);
    }

    @Test
    void saveOfSomethingMissingIs404BeforeAnyByte() {
        api().get("/images/get?names=busybox&names=nosuch:1").then().statusCode(404)
                .body("message", equalTo("No such image: nosuch:1"));
        api().get("/images/get").then().statusCode(400);
    }

    @Test
    void everyBadArchiveIsRefusedSayingWhyAndLeavesNothingBehind() throws IOException {
        String tag = "bad/" + unique() + ":1";
        byte[] good = TestArchives.tar("ok", "ok");
        String goodId = Digest.of(good).toString();
        long blobsBefore = count(blobRoot.resolve("blobs"));
        Map<String, byte[]> cases = new HashMap<>();
        cases.put("climbs out of the image's root", TestArchives.archive(List.of(TestArchives.tar("../escape", "x")),
                List.of(Digest.of(TestArchives.tar("../escape", "x")).toString()), List.of(tag), true));
        cases.put("absolute path", TestArchives.archive(List.of(TestArchives.tar("/etc/evil", "x")),
                List.of(Digest.of(TestArchives.tar("/etc/evil", "x")).toString()), List.of(tag), true));
        cases.put("goes through the symbolic link", TestArchives.archive(List.of(TestArchives.tar("etc -> /", "", "etc/x", "y")),
                List.of(Digest.of(TestArchives.tar("etc -> /", "", "etc/x", "y")).toString()), List.of(tag), true));
        cases.put("but the image config says", TestArchives.archive(List.of(good),
                List.of(Digest.of("not the layer".getBytes(StandardCharsets.UTF_8)).toString()), List.of(tag), true));
        byte[] corrupt = TestArchives.gzip(TestArchives.tar("big", "x".repeat(5000)));
        corrupt[corrupt.length / 2] ^= 0x55;
        cases.put("layer blobs/sha256/" + Digest.of(corrupt).hex(), TestArchives.archive(List.of(corrupt),
                List.of(goodId), List.of(tag), true));
        cases.put("archive member ../outside has an absolute path|points outside|climbs out of the archive",
                TestArchives.rawTar(Map.of("../outside", "x".getBytes(StandardCharsets.UTF_8))));
        cases.put("archive member /abs has an absolute path", TestArchives.rawTar(Map.of("/abs", "x".getBytes(StandardCharsets.UTF_8))));
        byte[] whole = TestArchives.archive(List.of(good), List.of(goodId), List.of(tag), true);
        cases.put("not a readable tar", Arrays.copyOf(whole, whole.length / 2 + 100));
        cases.put("neither manifest.json nor an OCI index.json", TestArchives.rawTar(Map.of("x", new byte[10])));
        cases.put("before 1.10", TestArchives.rawTar(Map.of("repositories", "{}".getBytes(StandardCharsets.UTF_8))));

        for (Map.Entry<String, byte[]> bad : cases.entrySet()) {
            String body = load(bad.getValue(), "0").then().statusCode(400).extract().path("message");
            assertThat(body).as(bad.getKey()).containsAnyOf(bad.getKey().split("\\|"));
        }
        api().get("/images/" + tag + "/json").then().statusCode(404);
        assertThat(count(blobRoot.resolve("blobs"))).as("no blob left behind").isEqualTo(blobsBefore);
        assertThat(count(blobRoot.resolve("tmp"))).as("no staging left behind").isZero();
    }

    /** {@code POST /images/create?fromSrc=-} with these parameters (name, value, name, value…; names may repeat). */
    private static Response importing(byte[] tar, String... parameters) {
        RequestSpecification request = api().contentType("application/x-tar").body(tar).queryParam("fromSrc", "-");
        for (int i = 0; i < parameters.length; i += 2) {
            request = request.queryParam(parameters[i], parameters[i + 1]);
        }
        return request.post("/images/create");
    }

    @Test
    void importMakesAOneLayerImageWithItsChangesMessageAndTag() throws IOException {
        String repo = "imported/" + unique();
        byte[] rootfs = TestArchives.tar("bin/hi", "#!/bin/sh\necho hi\n", "etc/motd", "welcome");
        String id = importing(TestArchives.gzip(rootfs), "repo", repo + ":1", "message", "first import",
                "changes", "CMD [\"/bin/hi\"]", "changes", "ENV GREETING=hello", "changes", "LABEL tier=web")
                .then().statusCode(200).contentType("application/json").extract().path("status");
        assertThat(id).startsWith("sha256:");
        api().get("/images/" + repo + ":1/json").then().statusCode(200)
                .body("Id", equalTo(id))
                .body("RootFS.Layers", equalTo(List.of(Digest.of(rootfs).toString())))
                .body("Config.Cmd", equalTo(List.of("/bin/hi")))
                .body("Config.Env", equalTo(List.of("GREETING=hello")))
                .body("Config.Labels.tier", equalTo("web"))
                .body("Comment", equalTo("first import"))
                .body("Size", equalTo(rootfs.length));
        api().get("/images/" + repo + ":1/history").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].Comment", equalTo("first import"));

        // bzip2, untagged, no message: dockerd's "Imported from -".
        java.io.ByteArrayOutputStream bzipped = new java.io.ByteArrayOutputStream();
        try (var out = new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(bzipped)) {
            out.write(TestArchives.tar("other", unique()));
        }
        String untagged = importing(bzipped.toByteArray()).then().statusCode(200).extract().path("status");
        api().get("/images/" + untagged + "/json").then().statusCode(200)
                .body("RepoTags.size()", equalTo(0)).body("Comment", equalTo("Imported from -"));
    }

    @Test
    void everyBadImportIsRefusedSayingWhyAndLeavesNothingBehind() throws IOException {
        String repo = "badimport/" + unique();
        long blobsBefore = count(blobRoot.resolve("blobs"));
        byte[] good = TestArchives.tar("ok", "ok");
        Map<String, Response> cases = new HashMap<>();
        cases.put("climbs", importing(TestArchives.tar("../escape", "x"), "repo", repo));
        cases.put("absolute", importing(TestArchives.tar("/etc/evil", "x"), "repo", repo));
        cases.put("symbolic link", importing(TestArchives.tar("etc -> /", "", "etc/x", "y"), "repo", repo));
        byte[] truncated = TestArchives.gzip(TestArchives.tar("big", "x".repeat(5000)));
        cases.put("truncated or corrupt", importing(Arrays.copyOf(truncated, truncated.length / 2), "repo", repo));
        cases.put("Berth does not fetch URLs",
                api().contentType("application/x-tar").body(good).queryParam("fromSrc", "http://127.0.0.1:1/x.tar").post("/images/create"));
        cases.put("cannot import digest reference", importing(good, "repo", repo + "@sha256:" + "a".repeat(64)));
        cases.put("invalid reference format", importing(good, "repo", "Bad Name"));
        cases.put("is not a valid change command", importing(good, "repo", repo, "changes", "FROM busybox"));
        cases.put("linux/arm64", importing(good, "repo", repo, "platform", "linux/arm64"));
        for (Map.Entry<String, Response> bad : cases.entrySet()) {
            String message = bad.getValue().then().statusCode(400).extract().path("message");
            assertThat(message).as(bad.getKey()).contains(bad.getKey());
        }
        api().get("/images/" + repo + "/json").then().statusCode(404);
        assertThat(count(blobRoot.resolve("blobs"))).as("no blob left behind").isEqualTo(blobsBefore);
        assertThat(count(blobRoot.resolve("tmp"))).as("no scratch file left behind").isZero();
    }

    private static long count(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static Map<String, byte[]> untar(byte[] tar) throws IOException {
        Map<String, byte[]> members = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                members.put(entry.getName(), in.readAllBytes());
            }
        }
        return members;
    }
}

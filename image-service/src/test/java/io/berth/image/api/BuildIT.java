package io.berth.image.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.image.BlobRootResource;
import io.berth.image.service.TestImages;
import io.berth.kit.tenant.TenantId;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /build} over the real image store: the stream as the classic builder writes it, the images a build
 * makes (config, history, layers), the cache on a rebuild, multi-stage {@code COPY --from}, {@code q=1}, and each
 * kind of bad input answered with Docker's status and words, before or after the first byte, leaving nothing behind.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BlobRootResource.class, restrictToAnnotatedClass = true)
class BuildIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TenantId TENANT = TenantId.DEFAULT;

    @ConfigProperty(name = "berth.image.blob-root")
    Path blobRoot;

    private static RequestSpecification api() {
        return given().header("X-Berth-Tenant", TENANT.value());
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A tar of these files ({@code name → content}). */
    static byte[] tar(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] data = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(data.length);
                entry.setMode(0100644);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Map<String, String> files(String... kv) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            files.put(kv[i], kv[i + 1]);
        }
        return files;
    }

    private static Response build(byte[] context, String query) {
        return api().contentType("application/x-tar").body(context).post(query.isEmpty() ? "/build" : "/build?" + query);
    }

    /** The stream's {@code stream} texts joined, {@code aux} as {@code aux:<id>}, an error as {@code ERROR(code): msg}. */
    private static List<String> lines(Response response) {
        List<String> lines = new ArrayList<>();
        for (String line : response.asString().split("\r?\n")) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode message = JSON.readTree(line);
                if (message.has("stream")) {
                    lines.add(message.get("stream").asText());
                } else if (message.has("aux")) {
                    lines.add("aux:" + message.get("aux").get("ID").asText());
                } else if (message.has("errorDetail")) {
                    lines.add("ERROR(" + message.get("errorDetail").path("code").asInt(0) + "): "
                            + message.get("errorDetail").get("message").asText());
                } else {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(line, e);
            }
        }
        return lines;
    }

    private static String base() {
        String repo = "buildbase-" + unique();
        TestImages.add(TENANT, "base " + repo, repo, "1");
        return repo + ":1";
    }

    @Test
    void aCopyBuildStreamsDockersStepsMakesTheImageAndIsCachedOnARebuild() throws IOException {
        String base = base();
        String tag = "built-" + unique() + ":v1";
        byte[] context = tar(files("Dockerfile", "FROM " + base + "\nCOPY a.txt /app/\nENV MODE=prod\nWORKDIR /app\n"
                + "CMD [\"cat\", \"a.txt\"]\n", "a.txt", "hello\n"));

        Response first = build(context, "t=" + tag);
        first.then().statusCode(200).contentType("application/json");
        List<String> lines = lines(first);
        String id = lines.stream().filter(l -> l.startsWith("aux:")).reduce((a, b) -> b).orElseThrow().substring(4);
        assertThat(lines).startsWith("Step 1/5 : FROM " + base, "\n");
        assertThat(lines).contains("Step 2/5 : COPY a.txt /app/", "Step 5/5 : CMD [\"cat\", \"a.txt\"]",
                "Successfully built " + id.substring(7, 19) + "\n", "Successfully tagged " + tag + "\n");
        assertThat(lines).doesNotContain(" ---> Using cache\n");

        JsonNode image = JSON.readTree(api().get("/images/" + tag + "/json").asString());
        assertThat(image.get("Id").asText()).isEqualTo(id);
        assertThat(image.at("/Config/Cmd").toString()).isEqualTo("[\"cat\",\"a.txt\"]");
        assertThat(image.at("/Config/WorkingDir").asText()).isEqualTo("/app");
        assertThat(image.at("/Config/Env").toString()).contains("MODE=prod");
        assertThat(image.at("/RootFS/Layers").size()).isEqualTo(2);
        // What dockerd 20.10's classic builder records of the last step, which docker-compose 1.29 reads on a recreate.
        assertThat(image.at("/ContainerConfig/Cmd").toString())
                .isEqualTo("[\"/bin/sh\",\"-c\",\"#(nop) \",\"CMD [\\\"cat\\\" \\\"a.txt\\\"]\"]");
        assertThat(image.at("/ContainerConfig/WorkingDir").asText()).isEqualTo("/app");
        assertThat(image.at("/ContainerConfig/Volumes").isNull()).isTrue();
        assertThat(image.at("/DockerVersion").asText()).isNotEmpty();
        // The build's layer is stored under the digest of its bytes (taken while it was written).
        String layer = image.at("/RootFS/Layers/1").asText();
        Path blob = blobRoot.resolve("blobs/sha256").resolve(layer.substring(7));
        assertThat(io.berth.oci.Digest.of(Files.readAllBytes(blob)).toString()).isEqualTo(layer);
        List<String> history = new ArrayList<>();
        JSON.readTree(api().get("/images/" + tag + "/history").asString()).forEach(h -> history.add(h.get("CreatedBy").asText()));
        assertThat(history.subList(0, 4)).containsExactly("/bin/sh -c #(nop)  CMD [\"cat\" \"a.txt\"]",
                "/bin/sh -c #(nop) WORKDIR /app", "/bin/sh -c #(nop)  ENV MODE=prod",
                history.get(3));
        assertThat(history.get(3)).startsWith("/bin/sh -c #(nop) COPY file:").endsWith(" in /app/ ");
        // As dockerd: each step's line carries its image's id, down to the base image's (its only line here).
        List<String> ids = new ArrayList<>();
        JSON.readTree(api().get("/images/" + tag + "/history").asString()).forEach(h -> ids.add(h.get("Id").asText()));
        String baseId = JSON.readTree(api().get("/images/" + base + "/json").asString()).get("Id").asText();
        assertThat(ids).hasSize(5).doesNotContain("<missing>").doesNotHaveDuplicates();
        assertThat(ids.getFirst()).isEqualTo(id);
        assertThat(ids.getLast()).isEqualTo(baseId);
        // The build's cached steps are docker system df's build cache: the COPY's layer is the image's too (shared).
        JsonNode usage = JSON.readTree(api().get("/internal/images/usage").asString());
        List<String> descriptions = new ArrayList<>();
        usage.get("BuildCache").forEach(entry -> descriptions.add(entry.get("Description").asText()
                + (entry.get("Shared").asBoolean() ? " shared" : "")));
        assertThat(descriptions).contains("/bin/sh -c #(nop) WORKDIR /app", history.get(3) + " shared");

        // A rebuild takes every step from the cache and makes the same image.
        List<String> again = lines(build(context, "t=" + tag));
        assertThat(again.stream().filter(l -> l.equals(" ---> Using cache\n"))).hasSize(4);
        assertThat(again).contains("aux:" + id, "Successfully built " + id.substring(7, 19) + "\n");

        // A changed source rebuilds from its COPY on.
        byte[] changed = tar(files("Dockerfile", "FROM " + base + "\nCOPY a.txt /app/\nENV MODE=prod\nWORKDIR /app\n"
                + "CMD [\"cat\", \"a.txt\"]\n", "a.txt", "changed\n"));
        List<String> third = lines(build(changed, "t=" + tag));
        assertThat(third.stream().filter(l -> l.equals(" ---> Using cache\n"))).isEmpty();
        assertThat(third).doesNotContain("aux:" + id);
    }

    @Test
    void aMultiStageBuildCopiesFromAnEarlierStageIntoScratchAndQuietAnswersOnlyTheId() throws IOException {
        String base = base();
        String tag = "multi-" + unique();
        byte[] context = gzip(tar(files("Dockerfile", "FROM " + base + " AS compile\nCOPY src/ /out/\n"
                + "COPY --chown=nobody:nobody src/main.txt /owned.txt\n"
                + "FROM scratch\nCOPY --from=compile /out/main.txt /main.txt\nCOPY --from=compile /bin/sh /sh\n",
                "src/main.txt", "compiled\n")));

        Response quiet = build(context, "t=" + tag + "&q=1");
        quiet.then().statusCode(200);
        List<String> lines = lines(quiet);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).matches("sha256:[0-9a-f]{64}\n");

        JsonNode image = JSON.readTree(api().get("/images/" + tag + "/json").asString());
        assertThat(image.get("Id").asText()).isEqualTo(lines.getFirst().trim());
        assertThat(image.at("/RootFS/Layers").size()).isEqualTo(2);
        // The second stage's layers are its own: the first stage's are not in it.
        assertThat(image.at("/Size").asLong()).isLessThan(20_000);
    }

    @Test
    void badInputGetsDockersStatusAndWordsBeforeTheStreamAndErrorDetailAfterIt() throws IOException {
        String base = base();
        long before = scratchEntries();

        build("not a tar at all, just words".repeat(40).getBytes(StandardCharsets.UTF_8), "t=x")
                .then().statusCode(500).body("message", equalTo("archive/tar: invalid tar header"));
        build(tar(files("other", "x")), "t=x")
                .then().statusCode(500).body("message", equalTo("Cannot locate specified Dockerfile: Dockerfile"));
        build(tar(files("Dockerfile", "FROM " + base + "\nFOO bar\n")), "t=x")
                .then().statusCode(400).body("message", equalTo("dockerfile parse error line 2: unknown instruction: FOO"));
        build(tar(files("Dockerfile", "FROM " + base + " AS a\n")), "target=b")
                .then().statusCode(400).body("message", equalTo("failed to reach build target b in Dockerfile"));
        build(tar(files("Dockerfile", "FROM " + base + "\nRUN echo hi\n")), "networkmode=host")
                .then().statusCode(400).body("message", org.hamcrest.Matchers.startsWith("Berth's builder runs RUN steps without a network"));
        build(tar(files("Dockerfile", "FROM " + base + "\n")), "cachefrom=[\"x\"]")
                .then().statusCode(400).body("message", org.hamcrest.Matchers.startsWith("Berth's builder does not honour cachefrom"));

        Response missing = build(tar(files("Dockerfile", "FROM " + base + "\nCOPY nothere /x\n")), "t=missing-" + unique());
        missing.then().statusCode(200);
        assertThat(lines(missing).getLast()).startsWith("ERROR(0): COPY failed: file not found in build context or "
                + "excluded by .dockerignore: stat nothere: file does not exist");

        Response outside = build(tar(files("Dockerfile", "FROM " + base + "\nCOPY ../x /x\n")), "q=1");
        outside.then().statusCode(200);
        // q=1: what was held back comes out before the error, as dockerd does.
        assertThat(lines(outside).getFirst()).startsWith("Step 1/2 : FROM ");
        assertThat(lines(outside).getLast()).isEqualTo("ERROR(0): COPY failed: forbidden path outside the build context: ../x ()");

        Response noBase = build(tar(files("Dockerfile", "FROM localhost:1/nothing-" + unique() + "\n")), "");
        noBase.then().statusCode(200);
        assertThat(lines(noBase).getLast()).startsWith("ERROR(0): Get \"http://localhost:1/v2/\": dial tcp");

        assertThat(scratchEntries()).isEqualTo(before);
    }

    @Test
    void builderPruneForgetsTheTenantsCacheAndKeepsItsImages() throws IOException {
        TenantId tenant = TenantId.of("pruner-" + unique());
        String repo = "prunebase-" + unique();
        TestImages.add(tenant, "base " + repo, repo, "1");
        String tag = "pruned-" + unique() + ":1";
        byte[] context = tar(files("Dockerfile", "FROM " + repo + ":1\nCOPY a.txt /a.txt\nLABEL x=y\n", "a.txt", "prune me\n"));
        RequestSpecification as = given().header("X-Berth-Tenant", tenant.value());
        as.contentType("application/x-tar").body(context).post("/build?t=" + tag).then().statusCode(200);
        JsonNode image = JSON.readTree(as.get("/images/" + tag + "/json").asString());

        given().header("X-Berth-Tenant", tenant.value()).queryParam("filters", "{\"until\":[\"1h\"]}")
                .post("/build/prune").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.startsWith("Berth does not honour build cache prune filters"));
        Response pruned = as.post("/build/prune?all=1");
        pruned.then().statusCode(200);
        assertThat(JSON.readTree(pruned.asString()).get("CachesDeleted").size()).isEqualTo(2);
        // Another tenant's cache is not this tenant's to prune, and a second prune finds nothing.
        as.post("/build/prune").then().statusCode(200).body("CachesDeleted", org.hamcrest.Matchers.nullValue());

        List<String> rebuilt = lines(as.contentType("application/x-tar").body(context).post("/build?t=" + tag));
        assertThat(rebuilt).doesNotContain(" ---> Using cache\n");
        String layer = image.at("/RootFS/Layers/1").asText();
        assertThat(Files.exists(blobRoot.resolve("blobs/sha256").resolve(layer.substring(7)))).as("the image keeps its layer")
                .isTrue();
    }

    /** What builds left in the store's scratch space (a build's work dir goes with it). */
    private long scratchEntries() throws IOException {
        Path tmp = blobRoot.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(tmp)) {
            return list.filter(p -> p.getFileName().toString().startsWith("build-")).count();
        }
    }
}

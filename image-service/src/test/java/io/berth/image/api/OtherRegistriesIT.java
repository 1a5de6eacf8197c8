package io.berth.image.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.image.BlobRootResource;
import io.berth.image.pull.TestHostNames;
import io.berth.image.service.TestImages;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.berth.testkit.fixtures.FixtureImages;
import io.berth.testkit.fixtures.OtherRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker pull, push and login with another registry, Debian's docker-registry with the fixture kit's real images: Docker's progress
 * stream, "Already exists", up to date, shared concurrent pulls, an index and the platform parameter, zstd layers,
 * Basic auth, TLS; and what Docker refuses (unknown manifest, wrong credentials, no registry, a corrupt layer) refused
 * with its words, leaving nothing behind.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BlobRootResource.class, restrictToAnnotatedClass = true)
class OtherRegistriesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private static OtherRegistry plain;
    private static OtherRegistry withAuth;
    private static OtherRegistry tls;

    @ConfigProperty(name = "berth.image.blob-root")
    Path blobRoot;

    @ConfigProperty(name = "berth.image.registries.certs-dir")
    Path certsDir;

    @BeforeAll
    static void registries() throws IOException {
        dir = Files.createTempDirectory("pull-it");
        plain = OtherRegistry.plain(dir.resolve("plain"));
        plain.push(FixtureImages.DEBIAN, "acme/debian:12");
        plain.push(FixtureImages.REDIS, "acme/redis:7");
        plain.push(FixtureImages.FLASK, "acme/flask:1");
        withAuth = OtherRegistry.withBasicAuth(dir.resolve("auth"), "alice", "s3cret");
        withAuth.push(FixtureImages.DEBIAN, "acme/debian:12");
        tls = OtherRegistry.withTls(dir.resolve("tls"), "registry.berth.test", null, null);
        tls.push(FixtureImages.DEBIAN, "acme/debian:12");
    }

    @AfterAll
    static void stop() {
        Stream.of(plain, withAuth, tls).filter(java.util.Objects::nonNull).forEach(OtherRegistry::close);
    }

    private static RequestSpecification api() {
        return given().header("X-Berth-Tenant", "default");
    }

    private static String pull(String image, String tag) {
        return pullAs("default", image, tag);
    }

    private static String pullAs(String tenant, String image, String tag) {
        return given().header("X-Berth-Tenant", tenant).queryParam("fromImage", image).queryParam("tag", tag).post("/images/create").then().statusCode(200)
                .contentType("application/json").extract().asString();
    }

    private static List<JsonNode> lines(String stream) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stream.split("\r\n")) {
            try {
                lines.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(line, e);
            }
        }
        return lines;
    }

    private static List<String> statuses(String stream) {
        return lines(stream).stream().map(line -> line.path("status").asText() + (line.has("id") ? " " + line.get("id").asText() : ""))
                .filter(line -> !line.startsWith("Downloading") && !line.startsWith("Extracting")).toList();
    }

    @Test
    void aPullStreamsDockersProgressThenIsUpToDateAndSharedLayersAlreadyExist() {
        // A tenant of its own, which has none of the images the other cases pull.
        String tenant = "stream";
        String image = plain.address() + "/acme/debian";
        String stream = pullAs(tenant, image, "12");
        List<String> statuses = statuses(stream);
        assertThat(statuses.getFirst()).isEqualTo("Pulling from acme/debian 12");
        String layer = statuses.get(1).substring("Pulling fs layer ".length());
        assertThat(statuses).containsSubsequence("Pulling fs layer " + layer, "Verifying Checksum " + layer,
                "Download complete " + layer, "Pull complete " + layer);
        assertThat(statuses.get(statuses.size() - 2)).matches("Digest: sha256:[0-9a-f]{64}");
        assertThat(statuses.getLast()).isEqualTo("Status: Downloaded newer image for " + image + ":12");
        JsonNode downloading = lines(stream).stream().filter(line -> line.path("status").asText().equals("Downloading"))
                .findFirst().orElseThrow();
        assertThat(downloading.at("/progressDetail/total").asLong()).isPositive();
        assertThat(downloading.path("progress").asText()).startsWith("[");
        String digest = statuses.get(statuses.size() - 2).substring("Digest: ".length());

        given().header("X-Berth-Tenant", tenant).get("/images/" + image + ":12/json").then().statusCode(200)
                .body("RepoTags[0]", equalTo(image + ":12"))
                .body("RepoDigests[0]", equalTo(image + "@" + digest))
                .body("Config.Cmd[0]", equalTo("bash"));

        assertThat(statuses(pullAs(tenant, image, "12"))).containsExactly("Pulling from acme/debian 12", "Digest: " + digest,
                "Status: Image is up to date for " + image + ":12");

        List<String> redis = statuses(pullAs(tenant, plain.address() + "/acme/redis", "7"));
        assertThat(redis).contains("Already exists " + layer).doesNotContain("Pulling fs layer " + layer);
        given().header("X-Berth-Tenant", tenant).get("/images/" + plain.address() + "/acme/redis:7/json").then().statusCode(200).body("RootFS.Layers.size()", equalTo(2));
    }

    @Test
    void concurrentPullsOfOneImageShareTheWork() {
        String image = plain.address() + "/acme/flask";
        List<CompletableFuture<String>> pulls = List.of(CompletableFuture.supplyAsync(() -> pull(image, "1")),
                CompletableFuture.supplyAsync(() -> pull(image, "1")));
        for (CompletableFuture<String> each : pulls) {
            assertThat(statuses(each.join()).getLast()).startsWith("Status: ");
        }
        String both = pulls.get(0).join() + pulls.get(1).join();
        long downloads = lines(both).stream().filter(line -> line.path("status").asText().equals("Verifying Checksum")).count();
        assertThat(downloads).as("each layer fetched once").isLessThanOrEqualTo(3);
        api().get("/images/" + image + ":1/json").then().statusCode(200).body("RootFS.Layers.size()", equalTo(3));
    }

    @Test
    void anIndexGivesTheManifestOfThePlatformAskedFor() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = plain.url() + "/v2/acme/debian/manifests/";
        HttpResponse<byte[]> manifest = http.send(HttpRequest.newBuilder(URI.create(base + "12"))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build(), HttpResponse.BodyHandlers.ofByteArray());
        String type = manifest.headers().firstValue("Content-Type").orElseThrow();
        String digest = Digest.of(manifest.body()).toString();
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + "{\"mediaType\":\"" + type + "\",\"digest\":\"" + digest + "\",\"size\":" + manifest.body().length
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}},"
                + "{\"mediaType\":\"" + type + "\",\"digest\":\"" + digest + "\",\"size\":" + manifest.body().length
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}";
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "multi"))
                .header("Content-Type", "application/vnd.oci.image.index.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(index)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

        String image = plain.address() + "/acme/debian";
        String stream = api().queryParam("fromImage", image).queryParam("tag", "multi").queryParam("platform", "linux/arm64")
                .post("/images/create").then().statusCode(200).extract().asString();
        assertThat(statuses(stream)).contains("Digest: " + Digest.of(index.getBytes(StandardCharsets.UTF_8)));
        api().get("/images/" + image + ":multi/json").then().statusCode(200);
        api().queryParam("fromImage", image).queryParam("tag", "multi").queryParam("platform", "linux/s390x")
                .post("/images/create").then().statusCode(404)
                .body("message", equalTo("no matching manifest for linux/s390x in the manifest list entries"));
    }

    @Test
    void zstdLayersArePulled() throws Exception {
        Process copy = new ProcessBuilder("skopeo", "copy", "--dest-tls-verify=false", "--format", "oci",
                "--dest-compress-format", "zstd", "docker-archive:" + FixtureImages.archive(FixtureImages.DEBIAN),
                "docker://" + plain.address() + "/acme/debian:zstd").redirectErrorStream(true).start();
        String output = new String(copy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(copy.waitFor()).as(output).isZero();
        String image = plain.address() + "/acme/debian";
        assertThat(statuses(pull(image, "zstd")).getLast()).isEqualTo("Status: Downloaded newer image for " + image + ":zstd");
        String zstdId = api().get("/images/" + image + ":zstd/json").then().statusCode(200).extract().path("Id");
        String gzipId = api().get("/images/" + FixtureImages.reference(FixtureImages.DEBIAN) + "/json").then().extract().path("Id");
        assertThat(zstdId).as("the same config, whatever the compression").isNotNull();
        if (gzipId != null) {
            assertThat(zstdId).isEqualTo(gzipId);
        }
    }

    @Test
    void basicAuthAndTlsRegistriesArePulledFromAndRefusalsAreDockers() {
        String image = withAuth.address() + "/acme/debian";
        api().queryParam("fromImage", image).queryParam("tag", "12").post("/images/create").then().statusCode(500)
                .body("message", equalTo("Get \"http://" + withAuth.address() + "/v2/acme/debian/manifests/12\": no basic auth credentials"));
        api().header("X-Registry-Auth", auth("alice", "wrong")).queryParam("fromImage", image).queryParam("tag", "12")
                .post("/images/create").then().statusCode(500).body("message", equalTo("unauthorized: authentication required"));
        String stream = api().header("X-Registry-Auth", auth("alice", "s3cret")).queryParam("fromImage", image)
                .queryParam("tag", "12").post("/images/create").then().statusCode(200).extract().asString();
        assertThat(statuses(stream).getLast()).isEqualTo("Status: Downloaded newer image for " + image + ":12");

        String secure = tls.address() + "/acme/debian";
        assertThat(statuses(pull(secure, "12")).getLast()).isEqualTo("Status: Downloaded newer image for " + secure + ":12");

        api().queryParam("fromImage", plain.address() + "/acme/nosuch").queryParam("tag", "1").post("/images/create").then()
                .statusCode(404).body("message", equalTo("manifest for " + plain.address()
                        + "/acme/nosuch:1 not found: manifest unknown: manifest unknown"));
        api().queryParam("fromImage", "127.0.0.1:1/acme/x").queryParam("tag", "1").post("/images/create").then()
                .statusCode(500).body("message", equalTo("Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused"));
    }

    /** The registry behind TLS under a name that is not loopback ({@code TestHostNames}), so only certs.d makes it trusted. */
    @Test
    void aRegistryWithAPrivateCaIsTrustedThroughCertsDAndOnlyForItsNames() throws IOException {
        String domain = "registry" + TestHostNames.SUFFIX + ":" + tls.port();
        String image = domain + "/acme/debian";
        // Neither loopback nor listed as insecure: HTTPS only, the system's CAs only, no fallback to HTTP.
        api().queryParam("fromImage", image).queryParam("tag", "12").post("/images/create").then().statusCode(500)
                .body("message", equalTo("Get \"https://" + domain + "/v2/\": x509: certificate signed by unknown authority"));

        Path ca = certsDir.resolve(domain).resolve("ca.crt");
        String other = "other" + TestHostNames.SUFFIX + ":" + tls.port();
        Path otherCa = certsDir.resolve(other).resolve("ca.crt");
        try {
            Files.createDirectories(ca.getParent());
            Files.copy(tls.caCert(), ca);
            assertThat(statuses(pull(image, "12")).getLast()).isEqualTo("Status: Downloaded newer image for " + image + ":12");

            // The CA is trusted, but the certificate does not name this host.
            Files.createDirectories(otherCa.getParent());
            Files.copy(tls.caCert(), otherCa);
            api().queryParam("fromImage", other + "/acme/debian").queryParam("tag", "12").post("/images/create").then()
                    .statusCode(500).body("message", equalTo("Get \"https://" + other
                            + "/v2/\": x509: certificate is not valid for other.berth.test"));
        } finally {
            for (Path file : List.of(ca, otherCa)) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(file.getParent());
            }
        }
    }

    @Test
    void aRegistryThatFailsOrHangsEndsThePullSayingSoLeavesNothingAndARetryWorks() throws Exception {
        try (FaultyRegistry front = new FaultyRegistry(plain.url())) {
            String image = front.address() + "/acme/redis";
            String tenant = "faulty";
            front.failManifests(true);
            given().header("X-Berth-Tenant", tenant).queryParam("fromImage", image).queryParam("tag", "7")
                    .post("/images/create").then().statusCode(500)
                    .body("message", equalTo("received unexpected HTTP status: 500 Internal Server Error"));

            front.failManifests(false);
            front.stallNextBlob();
            long before = count(blobRoot.resolve("blobs"));
            JsonNode last = lines(pullAs(tenant, image, "7")).getLast();
            assertThat(last.at("/errorDetail/message").asText()).startsWith("fetching layer sha256:")
                    .endsWith("the registry sent nothing for 5 s");
            given().header("X-Berth-Tenant", tenant).get("/images/" + image + ":7/json").then().statusCode(404);
            assertThat(count(blobRoot.resolve("tmp"))).as("no scratch file left").isZero();
            assertThat(count(blobRoot.resolve("blobs"))).as("no blob of the failed pull left").isLessThanOrEqualTo(before);

            assertThat(statuses(pullAs(tenant, image, "7")).getLast()).isEqualTo("Status: Downloaded newer image for " + image + ":7");
        }
    }

    @Test
    void aPushTheRegistryFailsHalfwayEndsSayingSoAndARetryFinishesIt() throws Exception {
        try (FaultyRegistry front = new FaultyRegistry(plain.url())) {
            String repository = front.address() + "/team/retried";
            String tenant = "retrier";
            TestImages.add(TenantId.of(tenant), "retried " + System.nanoTime(), repository, "v1");
            front.failManifests(true);
            String failed = given().header("X-Berth-Tenant", tenant).queryParam("tag", "v1").post("/images/" + repository + "/push")
                    .then().statusCode(200).extract().asString();
            assertThat(statuses(failed)).anyMatch(line -> line.startsWith("Pushed "));
            assertThat(lines(failed).getLast().at("/errorDetail/message").asText())
                    .isEqualTo("received unexpected HTTP status: 500 Internal Server Error");

            front.failManifests(false);
            String retried = given().header("X-Berth-Tenant", tenant).queryParam("tag", "v1").post("/images/" + repository + "/push")
                    .then().statusCode(200).extract().asString();
            assertThat(statuses(retried)).anyMatch(line -> line.startsWith("Layer already exists "))
                    .noneMatch(line -> line.startsWith("Pushed ")).anyMatch(line -> line.startsWith("v1: digest: "));
            assertThat(lines(retried).getLast().has("errorDetail")).isFalse();
        }
    }

    @Test
    void distributionInspectAnswersTheDescriptorAndPlatformsWithoutPulling() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = plain.url() + "/v2/acme/debian/manifests/";
        HttpResponse<byte[]> manifest = http.send(HttpRequest.newBuilder(URI.create(base + "12"))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build(), HttpResponse.BodyHandlers.ofByteArray());
        String type = manifest.headers().firstValue("Content-Type").orElseThrow();
        String image = plain.address() + "/acme/debian";
        String tenant = "distribution";
        given().header("X-Berth-Tenant", tenant).get("/distribution/" + image + ":12/json").then().statusCode(200)
                .body("Descriptor.mediaType", equalTo(type)).body("Descriptor.digest", equalTo(Digest.of(manifest.body()).toString()))
                .body("Descriptor.size", equalTo(manifest.body().length))
                .body("Platforms", equalTo(List.of(Map.of("architecture", "amd64", "os", "linux"))));
        given().header("X-Berth-Tenant", tenant).get("/images/" + image + ":12/json").then().statusCode(404);

        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + "{\"mediaType\":\"" + type + "\",\"digest\":\"" + Digest.of(manifest.body()) + "\",\"size\":" + manifest.body().length
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}}]}";
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "dist-index"))
                .header("Content-Type", "application/vnd.oci.image.index.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(index)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        given().header("X-Berth-Tenant", tenant).get("/distribution/" + image + ":dist-index/json").then().statusCode(200)
                .body("Descriptor.mediaType", equalTo("application/vnd.oci.image.index.v1+json"))
                .body("Descriptor.digest", equalTo(Digest.of(index.getBytes(StandardCharsets.UTF_8)).toString()))
                .body("Platforms", equalTo(List.of(Map.of("architecture", "arm64", "os", "linux", "variant", "v8"))));

        // dockerd 20.10's answers (checked against it): the registry's words for an unknown tag, a bad name, no registry.
        given().header("X-Berth-Tenant", tenant).get("/distribution/" + image + ":nope/json").then().statusCode(404)
                .body("message", equalTo("manifest unknown: manifest unknown"));
        given().header("X-Berth-Tenant", tenant).get("/distribution/acme/Upper/json").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.startsWith("invalid reference format: repository name"));
        given().header("X-Berth-Tenant", tenant).get("/distribution/127.0.0.1:1/x:1/json").then().statusCode(500)
                .body("message", equalTo("Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused"));
    }

    @Test
    void aCorruptLayerFailsInTheStreamAndLeavesNothing() throws Exception {
        try (OtherRegistry broken = OtherRegistry.plain(dir.resolve("broken"))) {
            broken.push(FixtureImages.REDIS, "acme/redis:7");
            Path blobs = dir.resolve("broken/data/docker/registry/v2/blobs/sha256");
            Path biggest;
            try (Stream<Path> data = Files.walk(blobs)) {
                biggest = data.filter(path -> path.getFileName().toString().equals("data"))
                        .max(java.util.Comparator.comparingLong(path -> path.toFile().length())).orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(biggest);
            bytes[bytes.length / 2] ^= 0x55;
            Files.write(biggest, bytes);
            long before = count(blobRoot.resolve("blobs"));

            String image = broken.address() + "/acme/redis";
            // A tenant of its own, which has none of the layers, so that every one is fetched.
            String stream = pullAs("corrupt", image, "7");
            JsonNode last = lines(stream).getLast();
            assertThat(last.at("/errorDetail/message").asText()).startsWith("filesystem layer verification failed for digest sha256:");
            given().header("X-Berth-Tenant", "corrupt").get("/images/" + image + ":7/json").then().statusCode(404);
            assertThat(count(blobRoot.resolve("tmp"))).as("no scratch file left").isZero();
            assertThat(count(blobRoot.resolve("blobs"))).as("no blob of the failed pull left").isLessThanOrEqualTo(before);
        }
    }

    @Test
    void dockerLoginChecksCredentialsAsDockerdDoes() {
        api().contentType("application/json").body(Map.of("username", "alice", "password", "s3cret", "serveraddress",
                withAuth.address())).post("/auth").then().statusCode(200).body("Status", equalTo("Login Succeeded"))
                .body("IdentityToken", equalTo(""));
        api().contentType("application/json").body(Map.of("username", "alice", "password", "wrong", "serveraddress",
                "http://" + withAuth.address() + "/v2/")).post("/auth").then().statusCode(500)
                .body("message", equalTo("login attempt to http://" + withAuth.address() + "/v2/ failed with status: 401 Unauthorized"));
        api().contentType("application/json").body(Map.of("username", "alice", "password", "any", "serveraddress",
                plain.address())).post("/auth").then().statusCode(200).body("Status", equalTo("Login Succeeded"));
        api().contentType("application/json").body(Map.of("username", "alice", "password", "any", "serveraddress",
                "127.0.0.1:1")).post("/auth").then().statusCode(500)
                .body("message", equalTo("Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused"));
    }

    @Test
    void theDockerTokenFlowIsFollowedWithPasswordsAndIdentityTokens() throws Exception {
        try (TokenRegistry front = new TokenRegistry(plain.url())) {
            String image = front.address() + "/acme/debian";
            api().queryParam("fromImage", image).queryParam("tag", "12").post("/images/create").then().statusCode(500)
                    .body("message", equalTo("Get \"" + front.url() + "/token\": unauthorized: incorrect username or password"));
            String stream = api().header("X-Registry-Auth", auth("alice", "s3cret")).queryParam("fromImage", image)
                    .queryParam("tag", "12").post("/images/create").then().statusCode(200).extract().asString();
            assertThat(statuses(stream).getLast()).endsWith(image + ":12");
            assertThat(front.scopes()).contains("repository:acme/debian:pull");

            String identity = api().contentType("application/json").body(Map.of("username", "alice", "password", "s3cret",
                    "serveraddress", front.address())).post("/auth").then().statusCode(200).extract().path("IdentityToken");
            assertThat(identity).isEqualTo(TokenRegistry.REFRESH);
            String json = "{\"identitytoken\":\"" + identity + "\"}";
            api().header("X-Registry-Auth", Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)))
                    .queryParam("fromImage", image).queryParam("tag", "12").post("/images/create").then().statusCode(200);
        }
    }

    @Test
    void aPushUploadsWhatTheRegistryLacksAndPullsBackTheSameImage() throws Exception {
        String repository = plain.address() + "/team/app";
        String tenant = "pusher";
        TestImages.add(TenantId.of(tenant), "pushed " + System.nanoTime(), repository, "v1");
        String id = given().header("X-Berth-Tenant", tenant).get("/images/" + repository + ":v1/json").then().statusCode(200)
                .extract().path("Id");
        String stream = given().header("X-Berth-Tenant", tenant).queryParam("tag", "v1").post("/images/" + repository + "/push")
                .then().statusCode(200).contentType("application/json").extract().asString();
        List<String> statuses = statuses(stream);
        assertThat(statuses.getFirst()).isEqualTo("The push refers to repository [" + repository + "]");
        assertThat(statuses).anyMatch(line -> line.startsWith("Preparing ")).anyMatch(line -> line.startsWith("Pushed "));
        String digestLine = statuses.stream().filter(line -> line.startsWith("v1: digest: ")).findFirst().orElseThrow();
        String digest = digestLine.split(" ")[2];
        JsonNode aux = lines(stream).getLast().get("aux");
        assertThat(aux.get("Tag").asText()).isEqualTo("v1");
        assertThat(aux.get("Digest").asText()).isEqualTo(digest);
        assertThat(digestLine).endsWith(" size: " + aux.get("Size").asInt());
        HttpResponse<byte[]> manifest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(plain.url()
                + "/v2/team/app/manifests/v1")).header("Accept", "application/vnd.oci.image.manifest.v1+json").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(Digest.of(manifest.body()).toString()).isEqualTo(digest);

        String again = given().header("X-Berth-Tenant", tenant).queryParam("tag", "v1").post("/images/" + repository + "/push")
                .then().statusCode(200).extract().asString();
        assertThat(statuses(again)).anyMatch(line -> line.startsWith("Layer already exists ")).noneMatch(line -> line.startsWith("Pushed "));

        assertThat(statuses(pullAs("pulled-back", repository, "v1")).getLast()).isEqualTo("Status: Downloaded newer image for "
                + repository + ":v1");
        given().header("X-Berth-Tenant", "pulled-back").get("/images/" + repository + ":v1/json").then().statusCode(200)
                .body("Id", equalTo(id));

        given().header("X-Berth-Tenant", tenant).queryParam("tag", "v9").post("/images/" + repository + "/push").then()
                .statusCode(404).body("message", equalTo("An image does not exist locally with the tag: " + repository));
    }

    @Test
    void aPushToAnotherRepositoryOfTheRegistryAnImageCameFromMountsItsLayers() throws Exception {
        String tenant = "mounter";
        String source = plain.address() + "/acme/redis";
        String target = plain.address() + "/team/mounted-" + System.nanoTime();
        pullAs(tenant, source, "7");
        given().header("X-Berth-Tenant", tenant).post("/images/" + source + ":7/tag?repo=" + target + "&tag=1").then().statusCode(201);

        String stream = given().header("X-Berth-Tenant", tenant).queryParam("tag", "1").post("/images/" + target + "/push")
                .then().statusCode(200).extract().asString();
        List<String> statuses = statuses(stream);
        assertThat(statuses).as(stream).anyMatch(line -> line.startsWith("Mounted from acme/redis "))
                .noneMatch(line -> line.startsWith("Pushed "));
        String digest = statuses.stream().filter(line -> line.startsWith("1: digest: ")).findFirst().orElseThrow().split(" ")[2];
        HttpResponse<byte[]> manifest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(plain.url()
                + "/v2/" + target.substring(plain.address().length() + 1) + "/manifests/1"))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(Digest.of(manifest.body()).toString()).isEqualTo(digest);
    }

    @Test
    void aPullWithoutATagPullsEveryTagOnOneStream() {
        String repository = plain.address() + "/acme/every-" + System.nanoTime();
        String pusher = "every-pusher";
        TestImages.add(TenantId.of(pusher), "every a " + System.nanoTime(), repository, "a");
        TestImages.add(TenantId.of(pusher), "every b " + System.nanoTime(), repository, "b");
        given().header("X-Berth-Tenant", pusher).post("/images/" + repository + "/push").then().statusCode(200);

        String stream = given().header("X-Berth-Tenant", "every-puller").queryParam("fromImage", repository)
                .post("/images/create").then().statusCode(200).extract().asString();
        List<String> statuses = statuses(stream);
        assertThat(statuses).as(stream).filteredOn(line -> line.startsWith("Digest: ")).hasSize(2);
        assertThat(statuses.getLast()).isEqualTo("Status: Downloaded newer image for " + repository);
        for (String tag : List.of("a", "b")) {
            given().header("X-Berth-Tenant", "every-puller").get("/images/" + repository + ":" + tag + "/json").then().statusCode(200);
        }
        given().header("X-Berth-Tenant", "every-puller").queryParam("fromImage", plain.address() + "/acme/nosuch")
                .post("/images/create").then().statusCode(404);
    }

    @Test
    void aPushToBerthsOwnRegistryLinksThePushingTenantsBlobsAndSendsNoByte() {
        // Nothing listens on 127.0.0.1:5000 in this test: a push that tried to send bytes would fail to connect.
        String repository = "127.0.0.1:5000/team/own";
        String tenant = "own-pusher";
        TestImages.add(TenantId.of(tenant), "own " + System.nanoTime(), repository, "v1");
        String stream = given().header("X-Berth-Tenant", tenant).queryParam("tag", "v1").post("/images/" + repository + "/push")
                .then().statusCode(200).extract().asString();
        List<String> statuses = statuses(stream);
        assertThat(statuses).as(stream).anyMatch(line -> line.startsWith("Preparing ")).anyMatch(line -> line.startsWith("Pushed "));
        String digest = statuses.stream().filter(line -> line.startsWith("v1: digest: ")).findFirst().orElseThrow().split(" ")[2];
        assertThat(lines(stream).getLast().at("/aux/Digest").asText()).isEqualTo(digest);

        given().header("X-Berth-Tenant", tenant).header("Accept", "application/vnd.oci.image.manifest.v1+json")
                .get("/v2/team/own/manifests/v1").then().statusCode(200).header("Docker-Content-Digest", digest);
        given().header("X-Berth-Tenant", "default").get("/v2/team/own/manifests/v1").then().statusCode(404);
        String again = given().header("X-Berth-Tenant", tenant).queryParam("tag", "v1").post("/images/" + repository + "/push")
                .then().statusCode(200).extract().asString();
        assertThat(statuses(again)).anyMatch(line -> line.startsWith("Layer already exists ")).noneMatch(line -> line.startsWith("Pushed "));

        // A pull from Berth's registry reads the pulling tenant's repositories: back for this tenant, unknown to others.
        String id = given().header("X-Berth-Tenant", tenant).get("/images/" + repository + ":v1/json").then().statusCode(200)
                .extract().path("Id");
        given().header("X-Berth-Tenant", tenant).delete("/images/" + repository + ":v1").then().statusCode(200);
        assertThat(statuses(pullAs(tenant, repository, "v1")).getLast()).isEqualTo("Status: Downloaded newer image for "
                + repository + ":v1");
        given().header("X-Berth-Tenant", tenant).get("/images/" + repository + ":v1/json").then().statusCode(200).body("Id", equalTo(id));
        given().header("X-Berth-Tenant", "someone-else").queryParam("fromImage", repository).queryParam("tag", "v1")
                .post("/images/create").then().statusCode(404)
                .body("message", equalTo("manifest for " + repository + ":v1 not found: name unknown: repository name not known to registry"));
    }

    @Test
    void aPushToARegistryWithBasicAuthNeedsTheCredentials() {
        String repository = withAuth.address() + "/team/private";
        String tenant = "pusher";
        TestImages.add(TenantId.of(tenant), "private " + System.nanoTime(), repository, "1");
        String refused = given().header("X-Berth-Tenant", tenant).queryParam("tag", "1").post("/images/" + repository + "/push")
                .then().statusCode(200).extract().asString();
        assertThat(lines(refused).getLast().at("/errorDetail/message").asText()).contains("no basic auth credentials");
        String pushed = given().header("X-Berth-Tenant", tenant).header("X-Registry-Auth", auth("alice", "s3cret")).queryParam("tag", "1")
                .post("/images/" + repository + "/push").then().statusCode(200).extract().asString();
        assertThat(lines(pushed).getLast().has("aux")).as(pushed).isTrue();
    }

    private static String auth(String user, String password) {
        String json = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"serveraddress\":\"" + withAuth.address() + "\"}";
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static long count(Path root) throws IOException {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}

package io.berth.worker.api;

import static io.berth.worker.TestContainers.TENANT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.oci.spec.Mount;
import io.berth.oci.spec.Spec;
import io.berth.testkit.KafkaResource;
import io.berth.worker.TestContainers;
import io.berth.worker.TinyRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code docker cp} on the node: a real container's files read as Docker names them (links not followed at the end of
 * a path, followed with a trailing slash, hard links kept), tars written into created and exited containers and into
 * a bind, and every way out of the container refused.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TinyRegistry.class)
class ContainerArchiveIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> created = new ArrayList<>();
    private final List<Path> hostDirs = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        created.forEach(TestContainers::delete);
        hostDirs.forEach(io.berth.worker.Files2::deleteTree);
    }

    private String ran(String script) throws Exception {
        String id = TestContainers.newId();
        created.add(id);
        TestContainers.create(id, "/bin/sh", "-c", script);
        TestContainers.start(id, 1);
        assertThat(TestContainers.awaitExit(id)).isZero();
        return id;
    }

    private static RequestSpecification call() {
        return given().header("X-Berth-Tenant", TENANT);
    }

    private static JsonNode stat(String id, String path) throws IOException {
        String header = call().queryParam("path", path).head("/containers/" + id + "/archive").then().statusCode(200)
                .extract().header("X-Docker-Container-Path-Stat");
        return JSON.readTree(Base64.getDecoder().decode(header));
    }

    /** The entries of GET …/archive: name → type flag, and a link's target after "->". */
    private static Map<String, String> entries(String id, String path) throws IOException {
        byte[] tar = call().queryParam("path", path).get("/containers/" + id + "/archive").then().statusCode(200)
                .contentType("application/x-tar").extract().asByteArray();
        Map<String, String> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String kind = e.isDirectory() ? "dir" : e.isSymbolicLink() ? "symlink->" + e.getLinkName()
                        : e.isLink() ? "hardlink->" + e.getLinkName() : "file:" + new String(in.readAllBytes(), StandardCharsets.UTF_8);
                entries.put(e.getName(), kind);
            }
        }
        return entries;
    }

    @Test
    void filesDirectoriesAndLinksReadAsDockerNamesThem() throws Exception {
        String id = ran("mkdir -p /d/e && echo hi > /d/e/f && ln /d/e/f /d/hard && ln -s /d/e /link && chmod 4755 /d/e/f");

        JsonNode file = stat(id, "/d/e/f");
        assertThat(file.get("name").asText()).isEqualTo("f");
        assertThat(file.get("size").asLong()).isEqualTo(3);
        assertThat(file.get("mode").asLong()).isEqualTo(0755 | (1L << 23));
        JsonNode link = stat(id, "/link");
        assertThat(link.get("mode").asLong() & (1L << 27)).isNotZero();
        assertThat(link.get("linkTarget").asText()).isEqualTo("/d/e");
        assertThat(stat(id, "/link/").get("mode").asLong() & (1L << 31)).as("a trailing slash follows the link").isNotZero();

        assertThat(entries(id, "/d")).containsExactly(Map.entry("d/", "dir"), Map.entry("d/e/", "dir"),
                Map.entry("d/e/f", "file:hi\n"), Map.entry("d/hard", "hardlink->d/e/f"));
        assertThat(entries(id, "/link")).containsExactly(Map.entry("link", "symlink->/d/e"));
        assertThat(entries(id, "/link/")).containsExactly(Map.entry("link/", "dir"), Map.entry("link/f", "file:hi\n"));
        assertThat(entries(id, "/d/e/.")).containsExactly(Map.entry("./", "dir"), Map.entry("./f", "file:hi\n"));

        call().queryParam("path", "/nope").queryParam("ref", "web").get("/containers/" + id + "/archive").then()
                .statusCode(404).body("message", equalTo("Could not find the file /nope in container web"));
        call().queryParam("path", "/proc/1").get("/containers/" + id + "/archive").then().statusCode(400)
                .body("message", equalTo("Berth cannot copy files under /proc (a proc mount that exists only inside"
                        + " the running container) yet"));
        given().header("X-Berth-Tenant", "other").queryParam("path", "/d").get("/containers/" + id + "/archive")
                .then().statusCode(404).body("message", equalTo("No such container: " + id));
    }

    @Test
    void aTarIsWrittenIntoTheContainerAndItsRunSeesIt() throws Exception {
        String id = TestContainers.newId();
        created.add(id);
        TestContainers.create(id, "/bin/sh", "-c", "stat -c '%a %u %g' /new/file; cat /new/file /new/dir/inner");
        put(id, "/", tar(dir("new/", 0755), file("new/file", "copied in\n", 0604, 1000), file("new/dir/inner", "deep\n", 0644, 0)))
                .statusCode(200);

        TestContainers.start(id, 1);
        int exit = TestContainers.awaitExit(id);
        List<TestContainers.Record> output = TestContainers.records(call().get("/containers/" + id + "/log").then()
                .extract().asByteArray());
        assertThat(exit).as("%s", output).isZero();
        assertThat(output).extracting(TestContainers.Record::text)
                .containsExactly("604 1000 1000", "copied in", "deep");
    }

    @Test
    void nothingLeadsOutOfTheContainer() throws Exception {
        String marker = "berth-archive-it-" + TestContainers.newId().substring(0, 8);
        String id = ran("mkdir -p /etc /tmp && ln -s / /rootlink && ln -s /../../../../../tmp /tmplink && mkdir /d && echo x > /f");
        Path merged = TestContainers.STATE_ROOT.resolve("containers").resolve(id).resolve("merged");

        // Links in the container are followed inside it: these writes land in its /etc and its /tmp.
        put(id, "/rootlink/etc", tar(file(marker, "in\n", 0644, 0))).statusCode(200);
        put(id, "/tmplink", tar(file(marker, "in\n", 0644, 0))).statusCode(200);
        assertThat(Path.of("/etc", marker)).doesNotExist();
        assertThat(Path.of("/tmp", marker)).doesNotExist();
        assertThat(entries(id, "/etc/" + marker)).containsExactly(Map.entry(marker, "file:in\n"));
        assertThat(entries(id, "/tmp/" + marker)).containsExactly(Map.entry(marker, "file:in\n"));

        put(id, "/d", tar(file("../" + marker, "out\n", 0644, 0))).statusCode(400)
                .body("message", equalTo("\"../" + marker + "\" is outside of \"/d\""));
        put(id, "/d", tar(symlink("up", "../../etc"))).statusCode(400)
                .body("message", equalTo("invalid symlink \"/d/up\" -> \"../../etc\""));
        put(id, "/d", tar(hardlink("h", "../f"))).statusCode(400)
                .body("message", equalTo("invalid hardlink \"/d/h\" -> \"../f\""));
        // A link the archive makes is not followed by a later entry of it either.
        put(id, "/d", tar(symlink("esc", "/"), file("esc/" + marker, "via\n", 0644, 0))).statusCode(200);
        assertThat(Path.of("/", marker)).doesNotExist();
        assertThat(merged.resolve(marker)).hasContent("via");

        put(id, "/f", tar(file("x", "x", 0644, 0))).statusCode(400)
                .body("message", equalTo("extraction point is not a directory"));
        put(id, "/absent", tar(file("x", "x", 0644, 0))).statusCode(404)
                .body("message", equalTo("Could not find the file /absent in container " + id));
        call().queryParam("path", "/d").queryParam("noOverwriteDirNonDir", "true").contentType("application/x-tar")
                .body(tar(file("d", "x", 0644, 0))).put("/containers/" + id + "/archive").then().statusCode(200);
        call().queryParam("path", "/").queryParam("noOverwriteDirNonDir", "true").contentType("application/x-tar")
                .body(tar(file("d", "x", 0644, 0))).put("/containers/" + id + "/archive").then().statusCode(400)
                .body("message", equalTo("cannot overwrite directory \"/d\" with non-directory \"/\""));
        put(id, "/", tar(file("d", "replaced\n", 0644, 0))).statusCode(200);
        assertThat(entries(id, "/d")).containsExactly(Map.entry("d", "file:replaced\n"));
        put(id, "/", "not a tar at all, just words".getBytes(StandardCharsets.UTF_8)).statusCode(400);
    }

    @Test
    void aBindIsReadAndWrittenAtItsSourceAndAReadOnlyOneRefused() throws Exception {
        Path data = Files.createTempDirectory(Path.of("/tmp"), "archive-it-");
        hostDirs.add(data);
        Files.writeString(data.resolve("there"), "from the host\n");
        String id = TestContainers.newId();
        created.add(id);
        Spec spec = TestContainers.spec("true");
        List<Mount> mounts = new ArrayList<>(spec.mounts());
        mounts.add(new Mount("/h", "bind", data.toString(), List.of("rbind", "rprivate")));
        mounts.add(new Mount("/ro", "bind", data.toString(), List.of("rbind", "ro", "rprivate")));
        ObjectNode body = TestContainers.createBody("archive-" + id.substring(0, 8), TinyRegistry.manifestDigest(),
                spec.withMounts(mounts));
        call().contentType(ContentType.JSON).body(body.toString()).put("/containers/" + id).then().statusCode(201);

        assertThat(entries(id, "/h/there")).containsExactly(Map.entry("there", "file:from the host\n"));
        put(id, "/h", tar(file("put", "into the bind\n", 0644, 0))).statusCode(200);
        assertThat(data.resolve("put")).hasContent("into the bind");
        put(id, "/ro", tar(file("no", "x", 0644, 0))).statusCode(400)
                .body("message", equalTo("mounted volume is marked read-only"));
        assertThat(data.resolve("no")).doesNotExist();
    }

    private static io.restassured.response.ValidatableResponse put(String id, String path, byte[] tar) {
        return call().queryParam("path", path).contentType("application/x-tar").body(tar)
                .put("/containers/" + id + "/archive").then();
    }

    private record Entry(TarArchiveEntry header, byte[] content) {
    }

    private static Entry dir(String name, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_DIR);
        entry.setMode(mode);
        return new Entry(entry, new byte[0]);
    }

    private static Entry file(String name, String content, int mode, int uid) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        entry.setSize(bytes.length);
        entry.setMode(mode);
        entry.setUserId(uid);
        entry.setGroupId(uid);
        return new Entry(entry, bytes);
    }

    private static Entry symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        entry.setLinkName(target);
        return new Entry(entry, new byte[0]);
    }

    private static Entry hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
        entry.setLinkName(target);
        return new Entry(entry, new byte[0]);
    }

    private static byte[] tar(Entry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            for (Entry entry : entries) {
                out.putArchiveEntry(entry.header());
                out.write(entry.content());
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}

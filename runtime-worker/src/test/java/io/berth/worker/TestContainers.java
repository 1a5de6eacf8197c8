package io.berth.worker;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.worker.node.MountTable;
import io.berth.worker.runtime.BundleSpec;
import io.berth.worker.runtime.CgroupLayout;
import io.berth.oci.spec.Linux;
import io.berth.oci.spec.Mount;
import io.berth.oci.spec.Namespace;
import io.berth.oci.spec.Process;
import io.berth.oci.spec.Rlimit;
import io.berth.oci.spec.Spec;
import io.berth.oci.spec.User;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;

/** What the worker's ITs share: container ids, a minimal OCI spec, the create and start calls, log records, cleanup checks. */
public final class TestContainers {
    public static final String TENANT = "acme";
    /** The worker's state root as the running application has it ({@code -Dberth.worker.state-root} moves it). */
    public static final Path STATE_ROOT = Path.of(ConfigProvider.getConfig().getValue("berth.worker.state-root",
            String.class));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestContainers() {
    }

    public static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A minimal spec as container-service would send it: no root, a NOFILE limit above this node's hard limit. */
    public static Spec spec(String... args) {
        return Spec.empty().withHostname("it")
                .withProcess(new Process(false, new User(0, 0), List.of(args), List.of("PATH=/bin", "HOME=/"), "/", null,
                        List.of(new Rlimit("RLIMIT_NOFILE", 1048576, 1048576))))
                .withMounts(List.of(
                        new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                        new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                        new Mount("/dev/pts", "devpts", "devpts",
                                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620")),
                        new Mount("/dev/shm", "tmpfs", "shm",
                                List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                        new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"))))
                .withLinux(Linux.empty().withNamespaces(Stream.of("pid", "ipc", "uts", "mount", "network")
                        .map(Namespace::new).toList()));
    }

    public static ObjectNode createBody(String name, String digest, Spec spec) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.putObject("image").put("repository", TinyRegistry.REPOSITORY).put("digest", digest);
        body.set("spec", JSON.valueToTree(spec));
        return body;
    }

    /** PUT /containers/{id} with the test image; asserts 201. */
    public static void create(String id, String... args) {
        given().header("X-Berth-Tenant", TENANT).contentType(ContentType.JSON)
                .body(createBody("it-" + id.substring(0, 8), TinyRegistry.manifestDigest(), spec(args)).toString())
                .put("/containers/" + id).then().statusCode(201);
    }

    /** Polls GET /containers/{id} until it says exited; returns the exit code. */
    public static int awaitExit(String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            var state = given().header("X-Berth-Tenant", TENANT).get("/containers/" + id).then().statusCode(200)
                    .extract().jsonPath();
            if ("exited".equals(state.getString("state"))) {
                return state.getInt("exitCode");
            }
            Thread.sleep(50);
        }
        throw new AssertionError("container " + id + " did not exit");
    }

    public static void delete(String id) {
        given().header("X-Berth-Tenant", TENANT).delete("/containers/" + id);
    }

    /** One k8s-file record as the worker streams it: stream name, partial flag, content. */
    public record Record(String stream, boolean partial, String text) {
        public static Record full(String stream, String text) {
            return new Record(stream, false, text);
        }
    }

    /** The records of a log stream's body, each line {@code <time> <stream> <F|P> <content>}. */
    public static List<Record> records(byte[] bytes) {
        String body = new String(bytes, StandardCharsets.UTF_8);
        if (!body.isEmpty() && !body.endsWith("\n")) {
            throw new AssertionError("a torn line at the end: " + body);
        }
        List<Record> records = new ArrayList<>();
        for (String line : body.isEmpty() ? new String[0] : body.split("\n")) {
            String[] parts = line.split(" ", 4);
            if (!parts[0].matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+[+-]\\d\\d:\\d\\d")) {
                throw new AssertionError("not a k8s-file time: " + line);
            }
            records.add(new Record(parts[1], parts[2].equals("P"), parts.length > 3 ? parts[3] : ""));
        }
        return records;
    }

    /** POST /containers/{id}/start?run={run}; asserts 200. */
    public static void start(String id, long run) {
        given().header("X-Berth-Tenant", TENANT).post("/containers/" + id + "/start?run=" + run).then().statusCode(200);
    }

    /** Whether anything of the container is left on the node: mount, runtime state, cgroup, directory. */
    public static List<String> leftovers(String id) throws Exception {
        List<String> left = new ArrayList<>();
        NodePaths paths = new NodePaths(STATE_ROOT);
        if (!MountTable.current().under(paths.container(id)).isEmpty()) {
            left.add("mount");
        }
        if (Files.exists(paths.runtimeState().resolve(id))) {
            left.add("runtime state");
        }
        for (Path hierarchy : CgroupLayout.host().mountPoints()) {
            Path cgroup = hierarchy.resolve(BundleSpec.CGROUP_PARENT).resolve(id);
            if (Files.exists(cgroup)) {
                left.add("cgroup " + cgroup);
            }
        }
        if (Files.exists(paths.container(id))) {
            left.add("directory");
        }
        if (Files.exists(paths.exitFile(id))) {
            left.add("exit file");
        }
        return left;
    }
}

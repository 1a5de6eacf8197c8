package io.berth.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.oci.Digest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The stand-in for image-service in the worker's ITs: an OCI registry read path on 127.0.0.1 serving one image,
 * {@code busybox}, whose single gzipped layer holds the host's static /bin/busybox and its applet links.
 */
public class TinyRegistry implements QuarkusTestResourceLifecycleManager {
    public static final String REPOSITORY = "busybox";
    private static final List<String> APPLETS = List.of("sh", "echo", "sleep", "cat", "ls", "true", "false", "httpd", "wget", "stty",
            "nslookup");
    private static volatile String manifestDigest;
    private static final Map<String, byte[]> BLOBS = new ConcurrentHashMap<>();
    private static final List<String> TENANTS_SEEN = new java.util.concurrent.CopyOnWriteArrayList<>();
    private HttpServer server;

    public static String manifestDigest() {
        return manifestDigest;
    }

    /** The tenants the worker's fetches carried. */
    public static List<String> tenantsSeen() {
        return TENANTS_SEEN;
    }

    @Override
    public Map<String, String> start() {
        try {
            byte[] tar = layerTar();
            byte[] layer = gzip(tar);
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
                    + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + digest(tar) + "\"]}}")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                    + digest(config) + "\",\"size\":" + config.length + "},"
                    + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                    + digest(layer) + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
            BLOBS.put(digest(config), config);
            BLOBS.put(digest(layer), layer);
            manifestDigest = digest(manifest);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/internal/v2/", exchange -> serve(exchange, manifest));
            server.start();
            return Map.of("berth.worker.image-service-url", "http://127.0.0.1:" + server.getAddress().getPort());
        } catch (Exception e) {
            throw new IllegalStateException("the test registry did not start", e);
        }
    }

    private static void serve(HttpExchange exchange, byte[] manifest) throws IOException {
        TENANTS_SEEN.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Berth-Tenant")));
        String path = exchange.getRequestURI().getPath();
        byte[] body = null;
        String type = "application/octet-stream";
        if (path.equals("/internal/v2/" + REPOSITORY + "/manifests/" + manifestDigest)) {
            body = manifest;
            type = "application/vnd.oci.image.manifest.v1+json";
        } else if (path.startsWith("/internal/v2/" + REPOSITORY + "/blobs/")) {
            body = BLOBS.get(path.substring(path.lastIndexOf('/') + 1));
        }
        if (body == null) {
            body = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
        } else {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
        }
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** An uncompressed tar of bin/busybox, its applet links and the usual empty mount points, built with tar. */
    private static byte[] layerTar() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("busybox-layer");
        try {
            Files.createDirectories(dir.resolve("bin"));
            Files.copy(Path.of("/bin/busybox"), dir.resolve("bin/busybox"));
            for (String applet : APPLETS) {
                Files.createSymbolicLink(dir.resolve("bin").resolve(applet), Path.of("busybox"));
            }
            for (String mountPoint : List.of("proc", "sys", "dev", "tmp", "etc")) {
                Files.createDirectories(dir.resolve(mountPoint));
            }
            Path tar = dir.resolveSibling(dir.getFileName() + ".tar");
            Process process = new ProcessBuilder("tar", "-cf", tar.toString(), "--numeric-owner", "-C",
                    dir.toString(), ".").inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IOException("tar failed");
            }
            byte[] bytes = Files.readAllBytes(tar);
            Files.delete(tar);
            return bytes;
        } finally {
            Files2.deleteTree(dir);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static String digest(byte[] bytes) {
        return Digest.of(bytes).toString();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}

package io.berth.gateway.api;

import io.berth.gateway.config.GatewayConfig;
import io.berth.kit.api.ApiVersion;
import io.berth.kit.tenant.TenantId;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /_ping}, {@code /version} and {@code /info}: what every client asks first to learn which server it talks to
 * and which API version to use (surface §1.3, §1.4, §2 System).
 */
@ApplicationScoped
public class SystemEndpoints {
    private final GatewayConfig config;
    private final ResourceCounts counts;

    SystemEndpoints(GatewayConfig config, ResourceCounts counts) {
        this.config = config;
        this.counts = counts;
    }

    /**
     * GET answers {@code OK}; HEAD the same headers with an empty body. The Go client tries HEAD first and reads
     * {@code Builder-Version} and {@code Swarm} (moby system_routes.go {@code pingHandler}, surface §1.3).
     */
    public void ping(HttpServerRequest request) {
        HttpServerResponse response = request.response()
                .putHeader("Builder-Version", "1")
                .putHeader("Swarm", "inactive")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, must-revalidate")
                .putHeader("Pragma", "no-cache")
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
        if (request.method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, "0").end();
        } else {
            response.end("OK");
        }
    }

    public void version(HttpServerRequest request) {
        String kernel = Host.kernelVersion();
        // The docker CLI prints the Engine block of `docker version` from these details (docker/cli
        // cli/command/system/version.go), not from the top-level fields.
        Map<String, String> details = Map.of(
                "ApiVersion", ApiVersion.MAX.toString(),
                "MinAPIVersion", ApiVersion.MIN.toString(),
                "Os", "linux",
                "Arch", "amd64",
                "KernelVersion", kernel,
                "GoVersion", "n/a",
                "GitCommit", config.gitCommit(),
                "BuildTime", BerthRelease.BUILD_TIME,
                "Experimental", "false",
                "BerthVersion", BerthRelease.VERSION);
        SystemVersion version = new SystemVersion(
                new SystemVersion.Platform("Berth " + BerthRelease.VERSION),
                List.of(new SystemVersion.Component("Engine", BerthRelease.ENGINE_VERSION, details)),
                BerthRelease.ENGINE_VERSION, ApiVersion.MAX.toString(), ApiVersion.MIN.toString(), config.gitCommit(),
                "n/a", "linux", "amd64", kernel, false, BerthRelease.BUILD_TIME);
        json(request.response(), Wire.json(version));
    }

    /** Counts come from the owning services; one that does not answer in time counts 0, with a warning in the log. */
    public void info(HttpServerRequest request, TenantId tenant) {
        Future<SystemInfo.Counts> answer = counts.of(tenant);
        answer.onComplete(done -> json(request.response(), Wire.json(info(done.result()))));
    }

    private SystemInfo info(SystemInfo.Counts counts) {
        String name = Host.name();
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return new SystemInfo(
                UUID.nameUUIDFromBytes(("berth:" + name).getBytes(StandardCharsets.UTF_8)).toString(),
                counts.containers(), counts.running(), counts.paused(), counts.stopped(), counts.images(),
                "overlay2", List.of(), config.rootDir(),
                // json-file: how the logs API behaves (conmon's k8s-file records are read as Docker's json-file are).
                Map.of("Volume", List.of("local"), "Network", List.of("bridge"), "Log", List.of("json-file")),
                true, false, true, true, true, true, true, false, true, false, 0, 0,
                Instant.now().toString(), "json-file", "cgroupfs", "2", 0,
                Host.kernelVersion(), "Berth", BerthRelease.VERSION, "linux", "x86_64",
                Runtime.getRuntime().availableProcessors(), memory,
                "https://index.docker.io/v1/",
                Map.of("InsecureRegistryCIDRs", List.of("127.0.0.0/8"), "IndexConfigs", Map.of(), "Mirrors", mirrors()),
                "", "", "", name, List.of(), false, BerthRelease.ENGINE_VERSION,
                Map.of("runc", Map.of("path", "runc")), "runc", SystemInfo.Swarm.INACTIVE, true, "", "",
                List.of(), List.of());
    }

    /** The configured mirrors as dockerd lists them: URLs ending in a slash. */
    private List<String> mirrors() {
        return config.registry().mirrors().orElse(List.of()).stream().map(url -> url.endsWith("/") ? url : url + "/").toList();
    }

    private static void json(HttpServerResponse response, String body) {
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }
}

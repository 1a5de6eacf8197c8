package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * container-service is killed in the middle of creates, starts and removals, and comes back: within a minute the
 * rows and the node agree again (docs/container-states.md, "After a crash"). A crash used to leave mounted bundles
 * without rows, rows saying created while the process ran, and removals nobody finished.
 */
@ExtendWith(Berth.class)
class CrashRecoveryIT {
    private static final URI WORKER_LISTING = URI.create("http://127.0.0.1:" + Berth.WORKER_PORT + "/node/containers");
    private static final Duration SETTLE = Duration.ofSeconds(90);

    @Test
    void aCrashInTheMiddleOfTheWorkIsSettledByTheReconciler() throws Exception {
        // Six clients loop through create, start, --rm runs and removals; the crash lands in the middle of them.
        java.util.concurrent.atomic.AtomicBoolean crashed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger cut = new java.util.concurrent.atomic.AtomicInteger();
        List<CompletableFuture<Void>> load = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = "crash-" + i;
            load.add(CompletableFuture.runAsync(() -> {
                for (int round = 0; !crashed.get() && round < 50; round++) {
                    List<Command.Result> results = List.of(
                            docker(Duration.ofSeconds(60), "run", "-d", "--name", name, "busybox", "sleep", "300"),
                            docker(Duration.ofSeconds(60), "run", "--rm", "busybox", "true"),
                            docker(Duration.ofSeconds(60), "rm", "-f", name));
                    results.stream().filter(result -> result.exitCode() != 0).forEach(failed -> cut.incrementAndGet());
                }
            }));
        }
        Thread.sleep(3000);
        ProcessHandle service = ProcessHandle.of(Long.parseLong(
                Files.readString(Berth.HOME.resolve(Path.of("run", "container-service.pid"))).strip())).orElseThrow();
        service.destroyForcibly();
        service.onExit().get();
        crashed.set(true);
        for (CompletableFuture<Void> client : load) {
            client.get(3, TimeUnit.MINUTES);
        }
        assertThat(cut.get()).as("calls the crash cut off").isPositive();
        Command.Result up = Berth.launcher(Duration.ofMinutes(3), "up");
        assertThat(up.exitCode()).as("%s", up).isZero();

        try {
            awaitAgreement();
        } finally {
            // What the crash left may include a --rm container that was never started: Docker keeps those too.
            List<String> all = new ArrayList<>(List.of("rm", "-f"));
            all.addAll(List.of(docker("ps", "-aq", "--no-trunc").stdout().strip().split("\n")));
            if (all.size() > 2 && !all.get(2).isBlank()) {
                docker(Duration.ofMinutes(2), all.toArray(String[]::new));
            }
        }
        assertThat(nodeIds()).as("nothing of the crash is left on the node").isEmpty();
    }

    /** Every container on the node has a row and every row a bundle; no start or removal is left in flight. */
    private static void awaitAgreement() throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Set<String> node = nodeIds();
            Command.Result ps = docker("ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.State}}");
            Set<String> rows = new HashSet<>();
            boolean inFlight = false;
            for (String line : ps.stdout().strip().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(" ");
                rows.add(fields[0]);
                inFlight |= fields[1].equals("removing");
            }
            last = "node " + node + " rows " + ps.stdout();
            if (node.equals(rows) && !inFlight && running(rows)) {
                return;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("the rows and the node did not agree within " + SETTLE + ": " + last);
    }

    /** A row that says running has a live process on the node, and one that does not, none. */
    private static boolean running(Set<String> ids) throws Exception {
        JsonNode listing = new ObjectMapper().readTree(listing());
        for (JsonNode container : listing) {
            String id = container.path("id").asText();
            String nodeState = container.path("status").path("state").asText();
            String row = docker("inspect", "--format", "{{.State.Status}}", id).stdout().strip();
            if (ids.contains(id) && nodeState.equals("running") != row.equals("running")) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> nodeIds() throws Exception {
        Set<String> ids = new HashSet<>();
        for (JsonNode container : new ObjectMapper().readTree(listing())) {
            ids.add(container.path("id").asText());
        }
        return ids;
    }

    private static String listing() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(WORKER_LISTING).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}

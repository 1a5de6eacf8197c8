package io.berth.worker.network;

import static io.berth.worker.TestContainers.TENANT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testkit.KafkaResource;
import io.berth.worker.TestContainers;
import io.berth.worker.TestNetworks;
import io.berth.worker.TestNetworks.Net;
import io.berth.worker.TinyRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real containers on real bridges through netavark and aardvark-dns: addresses, names, the {@code /etc} files,
 * published ports on loopback, connect and disconnect of a live run, and a network that leaves nothing on the node
 * once its containers are gone.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TinyRegistry.class)
class ContainerNetworkIT {
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        created.forEach(TestContainers::delete);
    }

    private String managed(String... args) {
        String id = TestContainers.newId();
        created.add(id);
        TestNetworks.createManaged(id, args);
        return id;
    }

    private static String logOf(String id) {
        return TestContainers.records(given().header("X-Berth-Tenant", TENANT).get("/containers/" + id + "/log")
                .then().statusCode(200).extract().asByteArray()).stream().map(r -> r.text()).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void containersOnOneNetworkReachEachOtherByAddressAndName() throws Exception {
        Net net = Net.fresh();
        // The ITs' spec grants no capabilities: the server listens above 1023.
        String server = managed("httpd", "-f", "-p", "8080", "-h", "/");
        TestNetworks.start(server, 1, List.of(net.attachment(2, true, "alpha")), List.of());
        // The alias resolves through aardvark-dns on the gateway (resolv.conf names it), and the server answers there.
        String client = managed("sh", "-c", "sleep 0.5; wget -S -O /dev/null http://alpha:8080/ 2>&1 | grep -o 'HTTP/1.[01] [0-9]*';"
                + " nslookup alpha " + net.gateway() + "; cat /etc/hosts /etc/resolv.conf /etc/hostname");
        TestNetworks.start(client, 1, List.of(net.attachment(3, true)), List.of());

        assertThat(TestContainers.awaitExit(client)).as(logOf(client)).isZero();
        String log = logOf(client);
        assertThat(log).containsPattern("HTTP/1.[01] [0-9]{3}").contains("Address: " + net.address(2))
                .contains(net.address(3) + "\tit").contains("nameserver " + net.gateway()).contains("127.0.0.1\tlocalhost");
        // The ended run's namespace goes, and with the last container the bridge, its rules and aardvark-dns.
        await(() -> !Files.exists(TestNetworks.namespace(client)), "the client's namespace is gone");
        TestContainers.delete(server);
        assertThat(TestNetworks.node("ip", "link", "show", net.bridge())).contains("does not exist");
        assertThat(TestNetworks.node("iptables-save")).doesNotContain(net.subnet());
        assertThat(Files.exists(TestNetworks.namespace(server))).isFalse();
    }

    @Test
    void publishesAPortOnLoopbackAndConnectsAndDisconnectsALiveRun() throws Exception {
        Net net = Net.fresh();
        Net more = Net.fresh();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String web = managed("httpd", "-f", "-p", "8080", "-h", "/");
        TestNetworks.start(web, 1, List.of(net.attachment(2, true)), List.of(TestNetworks.port("127.0.0.1", port, 8080)));

        HttpResponse<String> answer = null;
        for (int i = 0; i < 50 && answer == null; i++) {
            try {
                answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        assertThat(answer).as("httpd answered through the published port").isNotNull();

        given().header("X-Berth-Tenant", TENANT).contentType(ContentType.JSON).body(more.attachment(7, true).toString())
                .put("/containers/" + web + "/networks/" + more.id()).then().statusCode(204);
        String inside = TestNetworks.node("nsenter", "--net=" + TestNetworks.namespace(web), "ip", "-4", "addr");
        assertThat(inside).contains(net.address(2) + "/24").contains(more.address(7) + "/24");

        given().header("X-Berth-Tenant", TENANT).delete("/containers/" + web + "/networks/" + more.id()).then().statusCode(204);
        assertThat(TestNetworks.node("nsenter", "--net=" + TestNetworks.namespace(web), "ip", "-4", "addr"))
                .doesNotContain(more.address(7));
        assertThat(TestNetworks.node("ip", "link", "show", more.bridge())).contains("does not exist");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " did not happen");
    }
}

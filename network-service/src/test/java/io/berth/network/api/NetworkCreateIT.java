package io.berth.network.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.agroal.api.AgroalDataSource;
import io.berth.events.CloudEvent;
import io.berth.events.Topics;
import io.berth.events.network.NetworkEvent;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.berth.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code docker network create}, {@code rm} and {@code prune} on a real PostgreSQL and Kafka: the networks made, the
 * subnets chosen, the events announced, and every refusal in Docker's status and words with nothing left behind.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInWorker.class, restrictToAnnotatedClass = true)
class NetworkCreateIT {
    @Inject
    AgroalDataSource db;

    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant).contentType("application/json");
    }

    private static ValidatableResponse create(String tenant, String body) {
        return as(tenant).body(body).post("/networks/create").then();
    }

    private static String created(String tenant, String body) {
        return create(tenant, body).statusCode(201).body("Warning", equalTo("")).extract().path("Id");
    }

    @Test
    void createsInspectsAndRemovesWithItsEvents() {
        String id = created("make", "{\"Name\":\"app\",\"Labels\":{\"tier\":\"web\"},\"Attachable\":true,\"Internal\":true}");

        assertThat(id).matches("[0-9a-f]{64}");
        Map<String, Object> app = as("make").get("/networks/app").then().statusCode(200).body("Id", equalTo(id))
                .body("Driver", equalTo("bridge")).body("Scope", equalTo("local")).body("Internal", equalTo(true))
                .body("Attachable", equalTo(true)).body("Labels", equalTo(Map.of("tier", "web")))
                .body("Options", equalTo(Map.of())).body("Containers", equalTo(Map.of())).extract().path("$");
        Map<String, Object> config = NetworkApiIT.ipamConfig(app);
        assertThat((String) config.get("Subnet")).matches("10\\.200\\.\\d+\\.0/24");
        as("make").get("/networks").then().body("Name", equalTo(List.of("app", "bridge", "host", "none")));

        as("make").delete("/networks/" + id.substring(0, 12)).then().statusCode(204);

        as("make").get("/networks/" + id).then().statusCode(404).body("message", equalTo("network " + id + " not found"));
        List<CloudEvent> events = TopicProbe.awaitEvents(KafkaResource.bootstrapServers(), Topics.NETWORKS,
                all -> all.stream().filter(e -> id.equals(e.subject())).count() == 2, Duration.ofSeconds(20))
                .stream().filter(e -> id.equals(e.subject())).toList();
        assertThat(events).extracting(e -> e.typedAction().action()).containsExactly("create", "destroy");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.tenant()).isEqualTo("make");
            assertThat(e.dataAs(NetworkEvent.class)).isEqualTo(new NetworkEvent(id, "app", "bridge"));
        });
    }

    @Test
    void keepsTheSubnetRangeGatewayAndAuxAddressesItWasGiven() {
        created("explicit", "{\"Name\":\"lan\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.77.0.0/16\",\"IPRange\":\"10.77.5.0/24\","
                + "\"Gateway\":\"10.77.0.254\",\"AuxiliaryAddresses\":{\"router\":\"10.77.0.2\"}}]},"
                + "\"Options\":{\"com.docker.network.bridge.name\":\"br-explicit\",\"com.docker.network.driver.mtu\":\"1400\"}}");

        as("explicit").get("/networks/lan").then().statusCode(200)
                .body("IPAM.Config", equalTo(List.of(Map.of("Subnet", "10.77.0.0/16", "IPRange", "10.77.5.0/24",
                        "Gateway", "10.77.0.254", "AuxiliaryAddresses", Map.of("router", "10.77.0.2")))))
                .body("Options", equalTo(Map.of("com.docker.network.bridge.name", "br-explicit",
                        "com.docker.network.driver.mtu", "1400")));
    }

    @Test
    void chosenSubnetsStayClearOfTheNodesRoutesAndOfEveryTenantsNetworks() {
        created("routes-a", "{\"Name\":\"a1\"}");
        String first = subnet("routes-a", "a1");
        // The next /24 after the first is routed on the node (a LAN, another platform's bridge): it is skipped.
        String routed = first.replaceFirst("\\.(\\d+)\\.0/24", "." + (Integer.parseInt(first.split("\\.")[2]) + 1) + ".0/24");
        StandInWorker.ROUTES.add(routed);
        try {
            created("routes-b", "{\"Name\":\"b1\"}");
            String second = subnet("routes-b", "b1");

            assertThat(second).isNotEqualTo(first).isNotEqualTo(routed);
            create("routes-b", "{\"Name\":\"b2\",\"IPAM\":{\"Config\":[{\"Subnet\":\"" + first + "\"}]}}").statusCode(403)
                    .body("message", equalTo("Pool overlaps with other one on this address space"));
        } finally {
            StandInWorker.ROUTES.remove(routed);
        }
    }

    @Test
    void concurrentCreatesNeverShareASubnet() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<String>> creates = IntStream.range(0, 6).mapToObj(i -> CompletableFuture.supplyAsync(
                    () -> created("race-" + (i % 2), "{\"Name\":\"n" + i + "\"}"), pool)).toList();
            creates.forEach(CompletableFuture::join);
        } finally {
            pool.shutdownNow();
        }
        List<String> subnets = IntStream.range(0, 6).mapToObj(i -> subnet("race-" + (i % 2), "n" + i)).toList();
        assertThat(subnets).doesNotHaveDuplicates();
    }

    @Test
    void twoTenantsMayEachHaveANetworkOfOneName() {
        String mine = created("tenant-a", "{\"Name\":\"shared\"}");
        String theirs = created("tenant-b", "{\"Name\":\"shared\"}");

        assertThat(mine).isNotEqualTo(theirs);
        as("tenant-b").delete("/networks/" + mine).then().statusCode(404).body("message", equalTo("network " + mine + " not found"));
        as("tenant-a").get("/networks/shared").then().body("Id", equalTo(mine));
    }

    @Test
    void refusesBadRequestsInDockersWordsAndMakesNothing() throws SQLException {
        create("bad", "{\"Name\":\"dup\"}").statusCode(201);
        int before = rows("bad");

        create("bad", "{\"Name\":\"dup\"}").statusCode(409).body("message", equalTo("network with name dup already exists"));
        create("bad", "{\"Name\":\"\"}").statusCode(400).body("message", equalTo("invalid name: "));
        create("bad", "{\"Name\":\"bridge\"}").statusCode(403).body("message", equalTo("operation is not permitted on predefined bridge network "));
        create("bad", "{\"Name\":\"o\",\"Driver\":\"overlay\"}").statusCode(403)
                .body("message", matchesPattern("Berth has no multi-node network driver yet.*"));
        create("bad", "{\"Name\":\"h\",\"Driver\":\"host\"}").statusCode(403).body("message", equalTo("only one instance of \"host\" network is allowed"));
        create("bad", "{\"Name\":\"f\",\"Driver\":\"foo\"}").statusCode(404).body("message", equalTo("plugin \"foo\" not found"));
        create("bad", "{\"Name\":\"i\",\"IPAM\":{\"Driver\":\"foo\"}}").statusCode(404).body("message", equalTo("plugin \"foo\" not found"));
        create("bad", "{\"Name\":\"g\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.78.0.0/24\",\"Gateway\":\"10.79.0.1\"}]}}").statusCode(400)
                .body("message", equalTo("invalid network config:\ninvalid gateway 10.79.0.1: parent subnet 10.78.0.0/24 doesn't contain this address"));
        create("bad", "{\"Name\":\"s\",\"IPAM\":{\"Config\":[{\"Subnet\":\"nonsense\"}]}}").statusCode(400)
                .body("message", equalTo("invalid network config:\ninvalid subnet nonsense: invalid CIDR block notation"));
        create("bad", "{\"Name\":\"z\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.78.0.0/24\",\"Gateway\":\"10.78.0.0\"}]}}").statusCode(403)
                .body("message", equalTo("failed to allocate gateway (10.78.0.0): Address already in use"));
        create("bad", "{\"Name\":\"v6\",\"EnableIPv6\":true}").statusCode(400).body("message", equalTo("Berth does not support IPv6 networks yet"));
        create("bad", "{\"Name\":\"in\",\"Ingress\":true}").statusCode(400);
        create("bad", "{\"Name\":\"opt\",\"Options\":{\"com.docker.network.bridge.enable_icc\":\"false\"}}").statusCode(400)
                .body("message", equalTo("Berth does not support com.docker.network.bridge.enable_icc=false yet"));
        create("bad", "{\"Name\":\"t\",\"Internal\":\"maybe\"}").statusCode(400);
        String taken = "br-" + as("bad").get("/networks/dup").then().extract().<String>path("Id").substring(0, 12);
        create("other", "{\"Name\":\"thief\",\"Options\":{\"com.docker.network.bridge.name\":\"" + taken + "\"}}").statusCode(409)
                .body("message", equalTo("bridge name " + taken + " is already in use on this node"));

        assertThat(rows("bad")).isEqualTo(before);
        assertThat(rows("other")).isEqualTo(3);
    }

    @Test
    void neverRemovesAPredefinedNetworkOrOneInUse() throws SQLException {
        String id = created("busy", "{\"Name\":\"used\"}");
        attachEndpoint(id, "busy");

        as("busy").delete("/networks/bridge").then().statusCode(403)
                .body("message", equalTo("bridge is a pre-defined network and cannot be removed"));
        as("busy").delete("/networks/used").then().statusCode(403)
                .body("message", equalTo("error while removing network: network used id " + id + " has active endpoints"));
        as("busy").get("/networks/used").then().statusCode(200)
                .body("Containers." + "e".repeat(64) + ".Name", equalTo("web"))
                .body("Containers." + "e".repeat(64) + ".IPv4Address", matchesPattern("10\\.200\\.\\d+\\.2/24"));
        as("busy").delete("/networks/nosuch").then().statusCode(404).body("message", equalTo("network nosuch not found"));
    }

    @Test
    void pruneRemovesUnusedUserNetworksThatPassTheFilters() throws SQLException {
        created("prune", "{\"Name\":\"old\"}");
        created("prune", "{\"Name\":\"kept\",\"Labels\":{\"keep\":\"yes\"}}");
        String busy = created("prune", "{\"Name\":\"busy\"}");
        attachEndpoint(busy, "prune");

        as("prune").queryParam("filters", "{\"until\":[\"24h\"]}").post("/networks/prune").then().statusCode(200)
                .body("NetworksDeleted", equalTo(List.of()));
        as("prune").queryParam("filters", "{\"label!\":[\"keep\"]}").post("/networks/prune").then().statusCode(200)
                .body("NetworksDeleted", equalTo(List.of("old")));
        as("prune").post("/networks/prune").then().statusCode(200).body("NetworksDeleted", equalTo(List.of("kept")));
        as("prune").get("/networks").then().body("Name", equalTo(List.of("bridge", "busy", "host", "none")));
        as("prune").queryParam("filters", "{\"colour\":[\"red\"]}").post("/networks/prune").then().statusCode(400)
                .body("message", equalTo("invalid filter 'colour'"));
        as("prune").queryParam("filters", "{\"until\":[\"soon\"]}").post("/networks/prune").then().statusCode(400)
                .body("message", equalTo("failed to parse value as time or duration: \"soon\""));
    }

    private static String subnet(String tenant, String name) {
        return (String) NetworkApiIT.ipamConfig(as(tenant).get("/networks/" + name).then().statusCode(200).extract().path("$"))
                .get("Subnet");
    }

    private int rows(String tenant) throws SQLException {
        try (Connection connection = db.getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM networks.network WHERE tenant = ?")) {
            count.setString(1, tenant);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /** A running container's endpoint, as a start writes it (the start itself comes with containers on networks). */
    private void attachEndpoint(String networkId, String tenant) throws SQLException {
        try (Connection connection = db.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO networks.endpoint (id, network_id, "
                        + "container_id, tenant, node, container_name, run, ipv4, mac, created_at) VALUES (?, ?, ?, ?, "
                        + "'local', 'web', 1, ?, '02:42:0a:00:00:02', now())")) {
            String subnet = (String) NetworkApiIT.ipamConfig(as(tenant).get("/networks/" + networkId).then().extract().path("$")).get("Subnet");
            insert.setString(1, networkId.substring(0, 32) + "0".repeat(32));
            insert.setString(2, networkId);
            insert.setString(3, "e".repeat(64));
            insert.setString(4, tenant);
            insert.setString(5, subnet.replace("0/24", "2"));
            insert.executeUpdate();
        }
    }
}

package io.berth.network.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The network list and inspect on a real PostgreSQL: shapes, predefined networks, lookups, filters and tenancy. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInWorker.class, restrictToAnnotatedClass = true)
class NetworkApiIT {
    private static final String RFC3339_NANO = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

    @Inject
    AgroalDataSource db;

    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant);
    }

    private static ValidatableResponse list(String tenant, String filters) {
        RequestSpecification request = as(tenant);
        if (filters != null) {
            request.queryParam("filters", filters);
        }
        return request.get("/networks").then();
    }

    private static Map<String, String> idsByName(String tenant) {
        List<Map<String, Object>> networks = list(tenant, null).statusCode(200).extract().path("$");
        return networks.stream().collect(java.util.stream.Collectors.toMap(n -> (String) n.get("Name"), n -> (String) n.get("Id")));
    }

    @Test
    void aNewTenantListsBridgeHostAndNoneInDockersShape() {
        List<Map<String, Object>> networks = list("shape", null).statusCode(200).contentType("application/json").extract().path("$");

        assertThat(networks).extracting(n -> n.get("Name")).containsExactly("bridge", "host", "none");
        assertThat(networks).allSatisfy(n -> {
            assertThat(n).containsOnlyKeys("Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM",
                    "Internal", "Attachable", "Ingress", "ConfigFrom", "ConfigOnly", "Containers", "Options", "Labels");
            assertThat((String) n.get("Id")).matches("[0-9a-f]{64}");
            assertThat((String) n.get("Created")).matches(RFC3339_NANO);
            assertThat(n).containsEntry("Scope", "local").containsEntry("EnableIPv6", false).containsEntry("Internal", false)
                    .containsEntry("Attachable", false).containsEntry("Ingress", false).containsEntry("ConfigOnly", false)
                    .containsEntry("ConfigFrom", Map.of("Network", "")).containsEntry("Containers", Map.of())
                    .containsEntry("Labels", Map.of());
        });
        Map<String, Object> bridge = networks.get(0);
        assertThat(bridge).containsEntry("Driver", "bridge").containsEntry("EnableIPv4", true);
        // Every tenant's bridge has a subnet of its own from the pools (the tests' pool: 10.200.0.0/16 in /24s).
        Map<String, Object> config = ipamConfig(bridge);
        assertThat((String) config.get("Subnet")).matches("10\\.200\\.\\d+\\.0/24");
        assertThat(config).containsEntry("Gateway", ((String) config.get("Subnet")).replace("0/24", "1"));
        @SuppressWarnings("unchecked")
        Map<String, String> options = (Map<String, String>) bridge.get("Options");
        assertThat(options).containsEntry("com.docker.network.bridge.default_bridge", "true")
                .containsEntry("com.docker.network.bridge.name", "br-" + ((String) bridge.get("Id")).substring(0, 12))
                .containsEntry("com.docker.network.driver.mtu", "1500");
        // As Go's encoding/json writes maps: keys sorted.
        assertThat(List.copyOf(options.keySet())).isSorted();
        assertThat(networks.get(1)).containsEntry("Driver", "host").containsEntry("Options", Map.of())
                .containsEntry("IPAM", Map.of("Driver", "default", "Options", Map.of(), "Config", List.of()));
        assertThat(networks.get(2)).containsEntry("Driver", "null").containsEntry("EnableIPv4", false);
    }

    @Test
    void theTrailingSlashListsToo() {
        as("slash").get("/networks/").then().statusCode(200).body("Name", equalTo(List.of("bridge", "host", "none")));
    }

    @Test
    void predefinedNetworksAreMadeOnceAndKeepTheirIds() throws SQLException {
        Map<String, String> first = idsByName("once");
        Map<String, String> second = idsByName("once");

        assertThat(second).isEqualTo(first);
        as("once").get("/networks/bridge").then().statusCode(200).body("Id", equalTo(first.get("bridge")));
        assertThat(rows("once")).isEqualTo(3);
    }

    @Test
    void concurrentFirstCallsAgreeOnOneSet() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Map<String, String>>> calls = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> idsByName("race"), pool)).toList();
            List<Map<String, String>> answers = calls.stream().map(CompletableFuture::join).toList();

            assertThat(answers).allSatisfy(ids -> assertThat(ids).isEqualTo(answers.get(0)));
            assertThat(rows("race")).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyTenantHasItsOwnBridgeAndSeesOnlyIts() {
        Map<String, String> mine = idsByName("acme");
        Map<String, String> theirs = idsByName("other");

        assertThat(theirs.get("bridge")).isNotEqualTo(mine.get("bridge"));
        assertThat(theirs.values()).doesNotContainAnyElementsOf(mine.values());
        String id = mine.get("bridge");
        as("other").get("/networks/" + id).then().statusCode(404).body("message", equalTo("network " + id + " not found"));
        as("other").get("/networks/" + id.substring(0, 12)).then().statusCode(404);
        list("other", "{\"id\":[\"" + id + "\"]}").statusCode(200).body("$", equalTo(List.of()));
    }

    @Test
    void inspectsByNameFullIdAndUniquePrefix() {
        String id = idsByName("inspect").get("host");

        as("inspect").get("/networks/host").then().statusCode(200).body("Id", equalTo(id)).body("Driver", equalTo("host"));
        as("inspect").get("/networks/" + id).then().statusCode(200).body("Name", equalTo("host"));
        as("inspect").get("/networks/" + id.substring(0, 12)).then().statusCode(200).body("Name", equalTo("host"));
    }

    @Test
    void anUnknownNetworkIsDockers404() {
        String body = as("acme").get("/networks/nope").then().statusCode(404).contentType("application/json")
                .extract().asString();

        assertThat(body).isEqualTo("{\"message\":\"network nope not found\"}");
    }

    @Test
    void anAmbiguousPrefixIs400() throws SQLException {
        idsByName("prefixes");
        insertCustom("prefixes", "abc0" + "0".repeat(60), "one", "{}");
        insertCustom("prefixes", "abc1" + "0".repeat(60), "two", "{}");

        as("prefixes").get("/networks/abc").then().statusCode(400)
                .body("message", equalTo("network abc is ambiguous (2 matches found based on ID prefix)"));
        as("prefixes").get("/networks/abc1").then().statusCode(200).body("Name", equalTo("two"));
    }

    @Test
    void filtersAsDockerdDoes() throws SQLException {
        idsByName("filters");
        insertCustom("filters", "f".repeat(64), "proj_default", "{\"com.docker.compose.project\":\"proj\"}");

        list("filters", "{\"name\":{\"bri\":true}}").statusCode(200).body("Name", equalTo(List.of("bridge")));
        list("filters", "{\"driver\":[\"bridge\"]}").body("Name", equalTo(List.of("bridge", "proj_default")));
        list("filters", "{\"id\":[\"^ffff\"]}").body("Name", equalTo(List.of("proj_default")));
        list("filters", "{\"label\":[\"com.docker.compose.project=proj\"]}").body("Name", equalTo(List.of("proj_default")));
        list("filters", "{\"type\":[\"builtin\"]}").body("Name", equalTo(List.of("bridge", "host", "none")));
        list("filters", "{\"type\":[\"custom\"]}").body("Name", equalTo(List.of("proj_default")));
        list("filters", "{\"type\":[\"custom\",\"builtin\"]}").body("Name", equalTo(List.of("bridge", "host", "none", "proj_default")));
        list("filters", "{\"dangling\":[\"true\"]}").body("Name", equalTo(List.of("proj_default")));
        list("filters", "{\"dangling\":[\"0\"]}").body("Name", equalTo(List.of("bridge", "host", "none")));
        list("filters", "{\"scope\":[\"local\"],\"name\":[\"none\"]}").body("Name", equalTo(List.of("none")));
    }

    @Test
    void badFiltersAre400InDockersWords() {
        list("acme", "{\"colour\":[\"red\"]}").statusCode(400).contentType("application/json")
                .body("message", equalTo("invalid filter 'colour'"));
        list("acme", "{\"type\":[\"mine\"]}").statusCode(400).body("message", equalTo("invalid filter: 'type'='mine'"));
        list("acme", "{\"dangling\":[\"maybe\"]}").statusCode(400)
                .body("message", equalTo("invalid value for filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")"));
        String message = list("acme", "{nope").statusCode(400).extract().path("message");
        assertThat(message).startsWith("invalid filter");
    }

    @Test
    void aCallWithoutTenantIsTurnedAway() {
        given().get("/networks").then().statusCode(400).body("message", equalTo("internal call without a tenant"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ipamConfig(Map<String, Object> network) {
        List<Map<String, Object>> configs = (List<Map<String, Object>>) ((Map<String, Object>) network.get("IPAM")).get("Config");
        assertThat(configs).hasSize(1);
        return configs.get(0);
    }

    @Test
    void everyTenantsBridgeHasASubnetOfItsOwn() {
        String one = (String) ipamConfig(as("subnet-a").get("/networks/bridge").then().statusCode(200).extract().path("$")).get("Subnet");
        String two = (String) ipamConfig(as("subnet-b").get("/networks/bridge").then().statusCode(200).extract().path("$")).get("Subnet");

        assertThat(one).isNotEqualTo(two);
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

    /** No create endpoint yet: a user network is put in place over JDBC, as network create will write it. */
    private void insertCustom(String tenant, String id, String name, String labels) throws SQLException {
        try (Connection connection = db.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO networks.network (id, tenant, name, driver, "
                        + "scope, ipam_json, labels_json, created_at) VALUES (?, ?, ?, 'bridge', 'local', "
                        + "'{\"driver\":\"default\",\"options\":{},\"pools\":[{\"subnet\":\"172.18.0.0/16\",\"gateway\":\"172.18.0.1\"}]}', ?, now())")) {
            insert.setString(1, id);
            insert.setString(2, tenant);
            insert.setString(3, name);
            insert.setString(4, labels);
            insert.executeUpdate();
        }
    }
}

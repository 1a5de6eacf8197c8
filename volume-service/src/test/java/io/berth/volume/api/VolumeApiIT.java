package io.berth.volume.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.berth.volume.StandInParts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** List and inspect: Docker's shapes, filters, tenant isolation, and the 404 and 400 answers. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInParts.class, restrictToAnnotatedClass = true)
class VolumeApiIT {
    private static final Instant CREATED = Instant.parse("2026-11-22T10:15:30.123456Z");

    @Inject
    AgroalDataSource db;

    /** Rows with known creation times, put in place over JDBC, so the shapes can be compared exactly. */
    @BeforeEach
    void volumes() throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.createStatement().execute("DELETE FROM volumes.volume_use");
            connection.createStatement().execute("DELETE FROM volumes.volume");
            insert(connection, "acme", "data", "{\"com.docker.compose.project\":\"proj\",\"tier\":\"db\"}", "{}");
            insert(connection, "acme", "web-cache", "{}", "{\"type\":\"tmpfs\",\"device\":\"tmpfs\"}");
            insert(connection, "other", "secret", "{}", "{}");
        }
    }

    private static void insert(Connection connection, String tenant, String name, String labels, String options) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO volumes.volume "
                + "(tenant, name, driver, mountpoint, labels_json, options_json, created_at) VALUES (?, ?, 'local', ?, ?, ?, ?)")) {
            insert.setString(1, tenant);
            insert.setString(2, name);
            insert.setString(3, "/var/lib/berth/volumes/" + tenant + "/" + name + "/_data");
            insert.setString(4, labels);
            insert.setString(5, options);
            insert.setTimestamp(6, Timestamp.from(CREATED));
            insert.executeUpdate();
        }
    }

    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant);
    }

    private static ValidatableResponse list(String tenant, String filters) {
        RequestSpecification request = as(tenant);
        if (filters != null) {
            request.queryParam("filters", filters);
        }
        return request.get("/volumes").then();
    }

    @Test
    void anEmptyListIsAnEmptyArrayNotNull() {
        String body = list("nobody", null).statusCode(200).contentType("application/json").extract().asString();

        assertThat(body).isEqualTo("{\"Volumes\":[],\"Warnings\":[]}");
    }

    @Test
    void listsTheTenantsVolumesInDockersShape() {
        Map<String, Object> data = list("acme", null).statusCode(200).extract().path("Volumes[0]");

        assertThat(data).containsOnlyKeys("CreatedAt", "Driver", "Labels", "Mountpoint", "Name", "Options", "Scope");
        assertThat(data).containsEntry("Name", "data").containsEntry("Driver", "local").containsEntry("Scope", "local")
                .containsEntry("CreatedAt", "2026-11-22T10:15:30Z")
                .containsEntry("Mountpoint", "/var/lib/berth/volumes/acme/data/_data")
                .containsEntry("Labels", Map.of("com.docker.compose.project", "proj", "tier", "db"))
                .containsEntry("Options", Map.of());
        list("acme", null).body("Volumes.Name", equalTo(List.of("data", "web-cache"))).body("Warnings", equalTo(List.of()));
    }

    @Test
    void usageGivesEachVolumeItsSizeOnTheNodeAndHowManyContainersUseIt() throws SQLException {
        StandInParts.NODE_VOLUMES.put("acme/data", new io.vertx.core.json.JsonObject());
        StandInParts.NODE_VOLUMES.remove("acme/web-cache");
        StandInParts.SIZES.put("acme/data", 5000L);
        try (Connection connection = db.getConnection()) {
            for (String container : List.of("c1", "c2")) {
                // Two mounts of one container count once, as dockerd counts containers.
                for (String destination : List.of("/a", "/b")) {
                    connection.createStatement().execute("INSERT INTO volumes.volume_use (tenant, volume_id, container_id,"
                            + " destination, read_write, confirmed, reserved_at) SELECT 'acme', id, '" + container + "', '"
                            + destination + "', true, true, now() FROM volumes.volume WHERE name = 'data'");
                }
            }
        }

        Map<String, Object> data = as("acme").get("/internal/volumes/usage").then().statusCode(200)
                .body("Volumes.Name", equalTo(List.of("data", "web-cache"))).extract().path("Volumes[0]");

        assertThat(data).containsEntry("UsageData", Map.of("Size", 5000, "RefCount", 2)).containsEntry("Name", "data")
                .containsEntry("Mountpoint", "/var/lib/berth/volumes/acme/data/_data");
        // The node does not list web-cache: Docker's "not available".
        as("acme").get("/internal/volumes/usage").then().body("Volumes[1].UsageData", equalTo(Map.of("Size", -1, "RefCount", 0)));
        as("other").get("/internal/volumes/usage").then().body("Volumes.Name", equalTo(List.of("secret")));
        // Only df shows UsageData.
        list("acme", null).body("Volumes[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("UsageData")));
    }

    @Test
    void anotherTenantsVolumeDoesNotExist() {
        list("other", null).body("Volumes.Name", equalTo(List.of("secret")));
        as("acme").get("/volumes/secret").then().statusCode(404).body("message", equalTo("get secret: no such volume"));
    }

    @Test
    void inspectsByName() {
        as("acme").get("/volumes/web-cache").then().statusCode(200)
                .body("Name", equalTo("web-cache")).body("Driver", equalTo("local")).body("Scope", equalTo("local"))
                .body("Options", equalTo(Map.of("type", "tmpfs", "device", "tmpfs"))).body("Labels", equalTo(Map.of()));
    }

    @Test
    void anUnknownVolumeIsDockers404() {
        String body = as("acme").get("/volumes/nope").then().statusCode(404).contentType("application/json")
                .extract().asString();

        assertThat(body).isEqualTo("{\"message\":\"get nope: no such volume\"}");
    }

    @Test
    void filtersByNameLabelAndDangling() {
        list("acme", "{\"name\":{\"cache\":true}}").statusCode(200).body("Volumes.Name", equalTo(List.of("web-cache")));
        list("acme", "{\"name\":[\"^da\"]}").body("Volumes.Name", equalTo(List.of("data")));
        list("acme", "{\"label\":[\"tier\"]}").body("Volumes.Name", equalTo(List.of("data")));
        list("acme", "{\"label\":[\"tier=db\",\"com.docker.compose.project=proj\"]}").body("Volumes.Name", equalTo(List.of("data")));
        list("acme", "{\"label\":[\"tier=web\"]}").body("Volumes", equalTo(List.of()));
        list("acme", "{\"driver\":[\"local\"]}").body("Volumes.Name", equalTo(List.of("data", "web-cache")));
        // No container uses them: both are dangling (VolumeUsesIT has used ones).
        list("acme", "{\"dangling\":[\"true\"]}").body("Volumes.Name", equalTo(List.of("data", "web-cache")));
        list("acme", "{\"dangling\":{\"0\":true}}").body("Volumes", equalTo(List.of()));
    }

    @Test
    void badFiltersAre400InDockersWords() {
        list("acme", "{\"colour\":[\"red\"]}").statusCode(400).contentType("application/json")
                .body("message", equalTo("invalid filter 'colour'"));
        list("acme", "{\"dangling\":[\"maybe\"]}").statusCode(400).body("message", equalTo("invalid filter 'dangling=maybe'"));
        String message = list("acme", "{nope").statusCode(400).extract().path("message");
        assertThat(message).startsWith("invalid filter");
    }

    @Test
    void aCallWithoutTenantIsTurnedAway() {
        given().get("/volumes").then().statusCode(400).body("message", equalTo("internal call without a tenant"));
    }
}

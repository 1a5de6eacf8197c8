package io.berth.container;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The outbox as this service wires it: its tables from the outbox jar's Flyway location, its meters at /q/metrics. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
class OutboxWiringIT {
    @Inject
    Pool pool;

    @Test
    void flywayMadeTheOutboxTablesInTheServiceSchema() {
        var row = pool.query("SELECT to_regclass('containers.outbox') IS NOT NULL AS outbox,"
                + " to_regclass('containers.applied_event') IS NOT NULL AS applied,"
                + " to_regclass('containers.outbox_dead_letter') IS NOT NULL AS dead_letter")
                .execute().await().indefinitely().iterator().next();
        assertThat(row.getBoolean("outbox")).isTrue();
        assertThat(row.getBoolean("applied")).isTrue();
        assertThat(row.getBoolean("dead_letter")).isTrue();
    }

    @Test
    void theRelaysMetersAreScrapedAtQMetrics() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("berth_outbox_published_total"))
                .body(containsString("berth_outbox_dead_letters_total"))
                .body(containsString("berth_outbox_lag_seconds"));
    }
}

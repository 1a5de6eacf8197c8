package io.berth.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.berth.testkit.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** {@code /system/df} asks every owner for its part; here volume-service cannot be reached, so the call says so. */
@QuarkusTest
@QuarkusTestResource(StandInServices.class)
@QuarkusTestResource(KafkaResource.class)
class DiskUsageIT {
    @Test
    void aPartThatCannotBeHadFailsTheCallNamingTheService() {
        given().get("/v1.47/system/df").then().statusCode(503)
                .body("message", equalTo("Berth's volume-service did not answer for docker system df; try again in a moment"));
        given().post("/system/df").then().statusCode(404);
    }
}

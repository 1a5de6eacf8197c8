package io.berth.worker;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * Networks for the worker's ITs, as network-service would hand them out: a bridge name and a subnet derived from a
 * random id, so that the ITs of two work trees on one machine never share either, and containers created with a
 * network namespace of their own ({@code managed}).
 */
public final class TestNetworks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestNetworks() {
    }

    /** One network: its id, Linux bridge (at most 15 characters), /24 subnet in 10.251.0.0/16 and gateway. */
    public record Net(String id, String bridge, String prefix) {
        public static Net fresh() {
            String id = TestContainers.newId();
            int third = HexFormat.fromHexDigits(id, 0, 2) % 250;
            return new Net(id, "brit" + id.substring(0, 8), "10.251." + third + ".");
        }

        public String subnet() {
            return prefix + "0/24";
        }

        public String gateway() {
            return prefix + "1";
        }

        public String address(int host) {
            return prefix + host;
        }

        /** The endpoint of a container on this network at {@code .host}, as the start's plan names it. */
        public ObjectNode attachment(int host, boolean dns, String... aliases) {
            ObjectNode attachment = JSON.createObjectNode();
            attachment.putObject("network").put("id", id).put("name", "n" + id.substring(0, 6)).put("bridge", bridge)
                    .put("subnet", subnet()).put("gateway", gateway()).put("internal", false).put("dns", dns).put("mtu", 0);
            attachment.put("endpointId", id).put("ipv4", address(host)).put("prefixLength", 24)
                    .put("mac", String.format("02:42:0a:fb:%02x:%02x", Integer.parseInt(prefix.split("\\.")[2]), host));
            ArrayNode names = attachment.putArray("aliases");
            List.of(aliases).forEach(names::add);
            return attachment;
        }
    }

    /** PUT /containers/{id} with a namespace of its own that netavark sets up at each start. */
    public static void createManaged(String id, String... args) {
        ObjectNode body = TestContainers.createBody("it-" + id.substring(0, 8), TinyRegistry.manifestDigest(),
                TestContainers.spec(args));
        body.put("network", "managed");
        given().header("X-Berth-Tenant", TestContainers.TENANT).contentType(ContentType.JSON).body(body.toString())
                .put("/containers/" + id).then().statusCode(201);
    }

    /** POST /containers/{id}/start?run={run} with a network plan of these endpoints and ports; asserts 200. */
    public static void start(String id, long run, List<ObjectNode> attachments, List<ObjectNode> ports) {
        ObjectNode plan = JSON.createObjectNode();
        plan.putArray("attachments").addAll(attachments);
        plan.putArray("ports").addAll(ports);
        given().header("X-Berth-Tenant", TestContainers.TENANT).contentType(ContentType.JSON).body(plan.toString())
                .post("/containers/" + id + "/start?run=" + run).then().statusCode(200);
    }

    public static ObjectNode port(String hostIp, int hostPort, int containerPort) {
        return JSON.createObjectNode().put("containerPort", containerPort).put("protocol", "tcp").put("hostIp", hostIp)
                .put("hostPort", hostPort);
    }

    /** Where the worker binds a container's network namespace. */
    public static Path namespace(String id) {
        return TestContainers.STATE_ROOT.resolve("netns").resolve(id);
    }

    /** What {@code cmd} prints, run on the node (ip, iptables-save, nsenter). */
    public static String node(String... cmd) {
        return Exec.run(List.of(cmd), java.time.Duration.ofSeconds(30)).output();
    }
}

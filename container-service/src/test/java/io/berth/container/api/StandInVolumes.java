package io.berth.container.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for volume-service's internal calls (docs/internal-api.md): the ensure call answers each volume with its
 * data directory under {@link #ROOT} (a random 64-hex name for an anonymous one), and both calls are recorded; a
 * volume named {@code refused-*} is answered with dockerd's 400 for a bad name. What the worker was asked to do for a
 * container's mounts is kept too.
 */
final class StandInVolumes {
    static final String ROOT = "/var/lib/berth/volumes/";
    /** Each container's ensure call, as its body. */
    static final Map<String, JsonObject> ENSURED = new ConcurrentHashMap<>();
    /** Containers whose uses were released, in order. */
    static final List<String> RELEASED = new CopyOnWriteArrayList<>();
    /** The {@code mounts} of each worker create: copy-up destinations and sources to make. */
    static final Map<String, JsonObject> MOUNT_SOURCES = new ConcurrentHashMap<>();

    private StandInVolumes() {
    }

    static void register(Router router) {
        router.post("/internal/volumes/ensure").handler(rc -> {
            JsonObject body = rc.body().asJsonObject();
            String tenant = rc.request().getHeader("X-Berth-Tenant");
            JsonArray answer = new JsonArray();
            for (Object item : body.getJsonArray("volumes")) {
                JsonObject wanted = (JsonObject) item;
                String name = wanted.getString("name");
                if (name != null && name.startsWith("refused-")) {
                    rc.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("message", "create " + name + ": invalid option: \"foo\"").encode());
                    return;
                }
                String made = name != null ? name
                        : (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
                answer.add(new JsonObject().put("Name", made).put("Driver", "local")
                        .put("Mountpoint", ROOT + tenant + "/" + made + "/_data").put("Labels", new JsonObject()));
            }
            ENSURED.put(body.getString("container"), body);
            rc.json(new JsonObject().put("volumes", answer));
        });
        router.delete("/internal/volumes/uses/:container").handler(rc -> {
            RELEASED.add(rc.pathParam("container"));
            rc.response().setStatusCode(204).end();
        });
    }
}

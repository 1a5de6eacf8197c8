package io.berth.gateway;

import io.berth.kit.api.Hijack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for container-, image- and network-service on 127.0.0.1: a plain Vert.x server whose answers the tests
 * control, for the timings no real service can be made to show on demand (a wait that holds its body, a refused
 * upgrade). volume-service points at a port where nothing listens.
 */
public class StandInServices implements QuarkusTestResourceLifecycleManager {
    /** The id of the container the docker CLI "runs" here. */
    static final String CONTAINER_ID = "c0ffee".repeat(10) + "c0ff";

    /** Every request that reached the stand-in, as {method, path, query, tenant, apiVersion, server}. */
    static final BlockingQueue<JsonObject> SEEN = new LinkedBlockingQueue<>();
    /** Completed by a test to let {@code POST /containers/held/wait} send its body. */
    static volatile CompletableFuture<Integer> heldExit = new CompletableFuture<>();

    /** Completed with the first bytes of an upload the moment they reach the stand-in. */
    static volatile CompletableFuture<String> uploadStarted = new CompletableFuture<>();
    /** How the last upload ended at the stand-in: {@code complete} or {@code broken}. */
    static volatile CompletableFuture<String> uploadOutcome = new CompletableFuture<>();
    /** Completed when the stand-in sees the gateway drop a wait whose client went away. */
    static volatile CompletableFuture<Void> waitAbandoned = new CompletableFuture<>();

    /** Every request that reached the stand-in's own management endpoints ({@code /q/...}), by its raw path. */
    static final BlockingQueue<String> MANAGEMENT_HITS = new LinkedBlockingQueue<>();

    /** When set, the container list answers 500, as a broken container-service would. */
    static volatile boolean containerListBroken;

    private static volatile CompletableFuture<Void> started = new CompletableFuture<>();
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(context -> {
            SEEN.add(describe(context));
            context.next();
        });
        // Where a real service's health and metrics live; Vert.x matches routes on the normalised path, as Quarkus does.
        router.route("/q/*").handler(c -> {
            MANAGEMENT_HITS.add(c.request().path());
            json(c, 200, new JsonObject().put("status", "UP").encode());
        });
        router.get("/containers/json").handler(c -> {
            if (containerListBroken) {
                json(c, 500, new JsonObject().put("message", "broken").encode());
            } else {
                c.next();
            }
        });
        router.get("/containers/json").handler(c -> json(c, 200,
                new JsonArray().add(new JsonObject().put("State", "running")).add(new JsonObject().put("State", "exited"))
                        .add(new JsonObject().put("State", "created")).encode()));
        router.get("/images/json").handler(c -> json(c, 200, new JsonArray().add(new JsonObject()).encode()));
        router.post("/containers/held/wait").handler(c -> {
            HttpServerResponse response = head(c);
            heldExit.thenAccept(code -> vertx.runOnContext(v -> response.end(waitBody(code))));
        });
        router.put("/containers/upload/archive").handler(c -> {
            long[] total = {0};
            c.request().handler(chunk -> {
                uploadStarted.complete(chunk.toString());
                total[0] += chunk.length();
            });
            c.request().endHandler(end -> {
                uploadOutcome.complete("complete");
                json(c, 200, new JsonObject().put("received", total[0]).encode());
            });
            c.request().exceptionHandler(e -> uploadOutcome.complete("broken"));
            c.request().connection().closeHandler(closed -> uploadOutcome.complete("broken"));
        });
        router.put("/containers/toolarge/archive").handler(c -> {
            // What a service's body limit does (Quarkus's max-body-size): answer 413 once part of the body is in,
            // then drop the connection with the rest unread, so that the kernel resets it.
            long[] seen = {0};
            c.request().handler(chunk -> {
                seen[0] += chunk.length();
                if (seen[0] >= 64 * 1024 && !c.response().ended()) {
                    c.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .putHeader(HttpHeaders.CONNECTION, "close")
                            .end("{\"message\":\"request body too large\"}")
                            .onComplete(done -> c.request().connection().close());
                }
            });
        });
        router.put("/containers/sluggish/archive").handler(c -> {
            // A service busy elsewhere: reads nothing of the body for 2.5 s, then all of it.
            long[] total = {0};
            c.request().pause();
            c.request().handler(chunk -> total[0] += chunk.length());
            c.request().endHandler(end -> json(c, 200, new JsonObject().put("received", total[0]).encode()));
            vertx.setTimer(2500, t -> c.request().resume());
        });
        router.post("/containers/abandoned/wait").handler(c -> {
            head(c);
            c.request().connection().closeHandler(closed -> waitAbandoned.complete(null));
        });
        router.post("/containers/echo/attach").handler(c -> Hijack.upgrade(c.request(), "application/vnd.docker.raw-stream")
                .onSuccess(socket -> {
                    socket.write("hello\n");
                    socket.handler(socket::write);
                }));
        router.post("/containers/chatty/attach").handler(c -> Hijack.upgrade(c.request(), "application/vnd.docker.raw-stream")
                .onSuccess(socket -> {
                    // docker run without -i: the CLI half-closes at once, the container keeps talking.
                    ((io.vertx.core.net.impl.NetSocketInternal) socket).channelHandlerContext().channel().config()
                            .setOption(io.netty.channel.ChannelOption.ALLOW_HALF_CLOSURE, true);
                    long timer = vertx.setPeriodic(20, t -> socket.write("out\n"));
                    socket.closeHandler(closed -> vertx.cancelTimer(timer));
                    socket.exceptionHandler(e -> socket.close());
                }));
        router.post("/exec/halfclose/start").handler(c -> Hijack.upgrade(c.request(), "application/vnd.docker.raw-stream")
                .onSuccess(socket -> {
                    // Like a container's cat: reads stdin to its end, then answers what it got and closes.
                    io.netty.channel.Channel channel = ((io.vertx.core.net.impl.NetSocketInternal) socket)
                            .channelHandlerContext().channel();
                    channel.config().setOption(io.netty.channel.ChannelOption.ALLOW_HALF_CLOSURE, true);
                    Buffer got = Buffer.buffer();
                    socket.handler(got::appendBuffer);
                    ((io.vertx.core.net.impl.NetSocketInternal) socket).eventHandler(event -> {
                        if (event instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
                            socket.write(Buffer.buffer("got: ").appendBuffer(got)).onComplete(done -> socket.close());
                        }
                    });
                }));
        router.post("/exec/vanishing/start").handler(c -> c.request().connection().close());
        router.post("/exec/garbled/start").handler(c -> ((io.vertx.core.http.impl.Http1xServerConnection) c.request()
                .connection()).channelHandlerContext().pipeline().context("httpEncoder")
                .writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer("SSH-2.0-OpenSSH_9.2\r\n\r\n",
                        java.nio.charset.StandardCharsets.US_ASCII)));
        router.post("/exec/refused/start").handler(c -> {
            // A chunked refusal, so the tunnel has to take the framing apart and put it back.
            c.response().setStatusCode(409).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            c.response().write("{\"message\":\"container ");
            c.response().end("x is not running\"}");
        });
        router.get("/containers/slow/logs").handler(c -> {
            HttpServerResponse response = head(c);
            response.write("line 1\n");
            vertx.setTimer(300, t -> response.end("line 2\n"));
        });
        router.post("/containers/slow/stop").handler(c ->
                // docker stop answers when the container is gone, which takes a while.
                vertx.setTimer(700, t -> c.response().setStatusCode(204).end()));
        router.get("/containers/endless/logs").handler(c -> {
            // logs -f of a chatty container: a line every 50 ms until the other side goes away.
            HttpServerResponse response = head(c);
            long timer = vertx.setPeriodic(50, t -> {
                if (!response.closed()) {
                    response.write("line\n");
                }
            });
            response.closeHandler(closed -> vertx.cancelTimer(timer));
        });
        dockerRun(router);
        router.route().handler(c -> json(c, 200, describe(c).encode()));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setMaxInitialLineLength(65536))
                .requestHandler(router);
        int port = server.listen().toCompletionStage().toCompletableFuture().join().actualPort();
        String url = "http://127.0.0.1:" + port;
        return Map.of(
                "berth.gateway.backends.containers", url,
                "berth.gateway.backends.images", url,
                "berth.gateway.backends.networks", url,
                "berth.gateway.backends.volumes", "http://127.0.0.1:" + closedPort(),
                "berth.gateway.info-timeout", "PT1S");
    }

    /**
     * What {@code docker run --rm busybox echo hi} needs (docker-client-call-sequences.md §1): create, attach
     * (101, output after start), wait (head at once, body at exit), start.
     */
    private static void dockerRun(Router router) {
        router.post("/containers/create").handler(c -> json(c, 201,
                new JsonObject().put("Id", CONTAINER_ID).put("Warnings", new JsonArray()).encode()));
        router.post("/containers/" + CONTAINER_ID + "/attach").handler(c -> Hijack.upgrade(c.request(),
                "application/vnd.docker.multiplexed-stream").onSuccess(socket -> started.thenRun(() -> {
                    Buffer frame = Buffer.buffer(new byte[] {1, 0, 0, 0, 0, 0, 0, 3}).appendString("hi\n");
                    socket.write(frame).onComplete(done -> socket.close());
                })));
        router.post("/containers/" + CONTAINER_ID + "/wait").handler(c -> {
            HttpServerResponse response = head(c);
            started.thenRun(() -> c.vertx().setTimer(200, t -> response.end(waitBody(0))));
        });
        router.post("/containers/" + CONTAINER_ID + "/start").handler(c -> {
            c.response().setStatusCode(204).end();
            started.complete(null);
        });
    }

    /** A fresh run: the next start releases attach and wait again. */
    static void resetRun() {
        started = new CompletableFuture<>();
    }

    static JsonObject nextSeen() throws InterruptedException {
        JsonObject seen = SEEN.poll(5, TimeUnit.SECONDS);
        if (seen == null) {
            throw new AssertionError("no request reached the stand-in");
        }
        return seen;
    }

    private static HttpServerResponse head(RoutingContext c) {
        HttpServerResponse response = c.response().setStatusCode(200).setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        response.writeHead();
        return response;
    }

    private static String waitBody(int code) {
        return new JsonObject().put("StatusCode", code).putNull("Error").encode();
    }

    private static JsonObject describe(RoutingContext c) {
        return new JsonObject()
                .put("method", c.request().method().name())
                .put("path", c.request().path())
                .put("query", c.request().query())
                .put("tenant", c.request().getHeader("X-Berth-Tenant"))
                .put("tenants", c.request().headers().getAll("X-Berth-Tenant").size())
                .put("apiVersion", c.request().getHeader("X-Berth-Api-Version"))
                .put("contentLength", c.request().getHeader("Content-Length"))
                .put("authorization", c.request().getHeader("Authorization"));
    }

    private static void json(RoutingContext c, int status, String body) {
        // A Server header of its own, which the gateway must replace with Docker's.
        c.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader("Server", "stand-in").end(body);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}

package io.berth.image.api;

import io.berth.image.pull.ProgressSink;
import io.berth.kit.errors.ErrorAnswers;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * Docker's progress stream of a pull or push (moby pkg/jsonmessage lines, each ending in CRLF): every line goes
 * through the request's context in the order it was reported, from whichever
 * thread reports it, and the end after them.
 */
final class ProgressStream implements ProgressSink {
    private final HttpServerResponse response;
    private final Context context;

    ProgressStream(HttpServerResponse response, Context context) {
        this.response = response;
        this.context = context;
    }

    @Override
    public void message(String status, String id) {
        write(Progress.status(status, id));
    }

    @Override
    public void step(String id, String status) {
        write(new JsonObject().put("status", status).put("progressDetail", new JsonObject()).put("id", id));
    }

    @Override
    public void bytes(String id, String status, long current, long total) {
        write(Progress.of(status, id, current, total));
    }

    @Override
    public void aux(java.util.Map<String, Object> aux) {
        write(new JsonObject().put("progressDetail", new JsonObject()).put("aux", new JsonObject(aux)));
    }

    void end(Throwable failure) {
        context.runOnContext(ignored -> {
            if (failure != null && !response.ended() && !response.closed()) {
                String message = ErrorAnswers.of(failure).message();
                response.write(new JsonObject().put("errorDetail", new JsonObject().put("message", message))
                        .put("error", message).encode() + "\r\n");
            }
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        });
    }

    private void write(JsonObject line) {
        String text = line.encode() + "\r\n";
        context.runOnContext(ignored -> {
            if (!response.ended() && !response.closed()) {
                response.write(text);
            }
        });
    }
}

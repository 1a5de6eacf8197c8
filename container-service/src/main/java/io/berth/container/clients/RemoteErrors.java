package io.berth.container.clients;

import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.ForbiddenException;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.errors.NotModifiedException;
import io.berth.kit.errors.UnavailableException;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;

/** Turns another part's Docker-shaped error answer back into the typed error it stands for. */
final class RemoteErrors {
    private RemoteErrors() {
    }

    static RuntimeException from(String part, Response response) {
        return from(response.getStatus(), part, message(part, response));
    }

    static RuntimeException from(int status, String part, String message) {
        if (message == null || message.isBlank()) {
            message = part + " answered " + status;
        }
        return switch (status) {
            case 304 -> new NotModifiedException(message);
            case 400 -> new InvalidParameterException(message);
            case 403 -> new ForbiddenException(message);
            case 404 -> new NotFoundException(message);
            case 409 -> new ConflictException(message);
            case 503 -> new UnavailableException(message);
            default -> new InternalException(message);
        };
    }

    private static String message(String part, Response response) {
        try {
            String body = response.readEntity(String.class);
            if (body != null && body.startsWith("{")) {
                String message = new JsonObject(body).getString("message");
                if (message != null) {
                    return message;
                }
            }
            return part + " answered " + response.getStatus() + (body == null || body.isBlank() ? "" : ": " + body.strip());
        } catch (RuntimeException e) {
            return part + " answered " + response.getStatus();
        }
    }
}

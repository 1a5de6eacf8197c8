package io.berth.gateway.api;

import io.berth.kit.api.DockerFilters;
import io.berth.kit.errors.ErrorAnswers;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoints of features Berth does not have, answered as Docker Engine answers them where it lacks them, so that
 * clients and their test harnesses that probe them carry on: swarm mode (a node that is not in a swarm, dockerd
 * 20.10's words and 503), plugins (none installed; installing one is refused), and BuildKit's {@code /session}.
 */
@ApplicationScoped
public class AbsentFeatures {
    static final String NOT_A_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\""
            + " to connect this node to swarm and try again.";
    static final String NOT_IN_A_SWARM = "This node is not part of a swarm";
    static final String NO_SWARM_MODE = "Berth does not run swarm mode: this node cannot init or join a swarm";
    static final String NO_PLUGINS = "Berth does not run Docker Engine plugins: nothing can be installed";
    static final String NO_BUILDKIT = "Berth has no BuildKit session: build with the classic builder (DOCKER_BUILDKIT=0)";

    private static final String ID = "[^/]+";
    /** The swarm objects (dockerd's cluster routes): each answers "not a swarm manager" outside a swarm. */
    private static final List<Route> SWARM = List.of(
            new Route(HttpMethod.GET, "/swarm"), new Route(HttpMethod.POST, "/swarm/update"),
            new Route(HttpMethod.GET, "/swarm/unlockkey"), new Route(HttpMethod.POST, "/swarm/unlock"),
            new Route(HttpMethod.GET, "/nodes"), new Route(HttpMethod.GET, "/nodes/" + ID),
            new Route(HttpMethod.DELETE, "/nodes/" + ID), new Route(HttpMethod.POST, "/nodes/" + ID + "/update"),
            new Route(HttpMethod.GET, "/services"), new Route(HttpMethod.POST, "/services/create"),
            new Route(HttpMethod.GET, "/services/" + ID), new Route(HttpMethod.DELETE, "/services/" + ID),
            new Route(HttpMethod.POST, "/services/" + ID + "/update"), new Route(HttpMethod.GET, "/services/" + ID + "/logs"),
            new Route(HttpMethod.GET, "/tasks"), new Route(HttpMethod.GET, "/tasks/" + ID),
            new Route(HttpMethod.GET, "/tasks/" + ID + "/logs"),
            new Route(HttpMethod.GET, "/secrets"), new Route(HttpMethod.POST, "/secrets/create"),
            new Route(HttpMethod.GET, "/secrets/" + ID), new Route(HttpMethod.DELETE, "/secrets/" + ID),
            new Route(HttpMethod.POST, "/secrets/" + ID + "/update"),
            new Route(HttpMethod.GET, "/configs"), new Route(HttpMethod.POST, "/configs/create"),
            new Route(HttpMethod.GET, "/configs/" + ID), new Route(HttpMethod.DELETE, "/configs/" + ID),
            new Route(HttpMethod.POST, "/configs/" + ID + "/update"));
    /** What acts on one installed plugin: none is installed. */
    private static final Pattern ONE_PLUGIN = Pattern.compile("/plugins/(?<name>[^/]+)(?<verb>/json|/enable|/disable|/push|/set|/upgrade)?");
    private static final Set<String> PLUGIN_FILTERS = Set.of("enabled", "capability");

    /** One method and path (a regular expression over the canonical, unversioned path). */
    private record Route(HttpMethod method, Pattern path) {
        Route(HttpMethod method, String path) {
            this(method, Pattern.compile(path));
        }

        boolean matches(HttpMethod method, String path) {
            return this.method.equals(method) && this.path.matcher(path).matches();
        }
    }

    /** Whether the first path segment belongs to one of these features. */
    public static boolean covers(String path) {
        String first = path.length() > 1 ? path.substring(1).split("/", 2)[0] : "";
        return switch (first) {
            case "swarm", "nodes", "services", "tasks", "secrets", "configs", "plugins", "session" -> true;
            default -> false;
        };
    }

    /** Answers a call {@link #covers} names; false when no route of Docker's matches it (the caller's 404). */
    public boolean answer(HttpServerRequest request, String path) {
        HttpMethod method = request.method();
        request.resume();
        if (SWARM.stream().anyMatch(route -> route.matches(method, path))) {
            ErrorAnswers.send(request.response(), 503, NOT_A_MANAGER);
            return true;
        }
        if (method == HttpMethod.POST) {
            switch (path) {
                case "/swarm/leave" -> {
                    ErrorAnswers.send(request.response(), 503, NOT_IN_A_SWARM);
                    return true;
                }
                case "/swarm/init", "/swarm/join" -> {
                    ErrorAnswers.send(request.response(), 400, NO_SWARM_MODE);
                    return true;
                }
                case "/plugins/pull", "/plugins/create" -> {
                    ErrorAnswers.send(request.response(), 400, NO_PLUGINS);
                    return true;
                }
                case "/session" -> {
                    ErrorAnswers.send(request.response(), 400, NO_BUILDKIT);
                    return true;
                }
                default -> {
                }
            }
        }
        if (method == HttpMethod.GET && path.equals("/plugins")) {
            DockerFilters.parse(request.getParam("filters")).allowOnly(PLUGIN_FILTERS);
            request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end("[]");
            return true;
        }
        if (method == HttpMethod.GET && path.equals("/plugins/privileges")) {
            ErrorAnswers.send(request.response(), 400, NO_PLUGINS);
            return true;
        }
        return pluginNotFound(request, method, path);
    }

    /** dockerd's 404 for a plugin it does not have, on each route that names one. */
    private static boolean pluginNotFound(HttpServerRequest request, HttpMethod method, String path) {
        Matcher matcher = ONE_PLUGIN.matcher(path);
        if (!matcher.matches()) {
            return false;
        }
        String verb = matcher.group("verb") == null ? "" : matcher.group("verb");
        boolean routed = switch (verb) {
            case "" -> method == HttpMethod.DELETE;
            case "/json" -> method == HttpMethod.GET;
            default -> method == HttpMethod.POST;
        };
        if (!routed) {
            return false;
        }
        String name = matcher.group("name");
        // dockerd names the reference it looked for: an upgrade's gets the default tag.
        String shown = verb.equals("/upgrade") && !name.contains(":") ? name + ":latest" : name;
        ErrorAnswers.send(request.response(), 404, "plugin \"" + shown + "\" not found");
        return true;
    }
}

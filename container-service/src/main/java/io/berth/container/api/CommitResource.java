package io.berth.container.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.container.service.ContainerCommit;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.api.QueryFlags;
import io.berth.kit.api.StrictJson;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * {@code POST /commit} ({@code docker commit}), in dockerd's container router: a container's change as a new image.
 * The body, when there is one, is the image's {@code container.Config} (the CLI sends {@code null}: the container's
 * own); a field of it an image cannot carry is refused, not dropped. {@code pause} is true unless it says otherwise,
 * as for every client of API 1.13 or later.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Image/operation/ImageCommit">ImageCommit</a>
 */
@Path("/commit")
@Produces(MediaType.APPLICATION_JSON)
public class CommitResource {
    private final ContainerCommit commits;
    private final ContainerMapper mapper;

    CommitResource(ContainerCommit commits, ContainerMapper mapper) {
        this.commits = commits;
        this.mapper = mapper;
    }

    /** Docker's {@code IDResponse}. */
    public record IdResponse(@com.fasterxml.jackson.annotation.JsonProperty("Id") String id) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(201)
    public Uni<IdResponse> commit(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @HeaderParam("Content-Type") String contentType, @QueryParam("container") String container,
            @QueryParam("repo") String repo, @QueryParam("tag") String tag, @QueryParam("comment") String comment,
            @QueryParam("author") String author, @QueryParam("pause") String pause,
            @QueryParam("changes") List<String> changes, byte[] body) {
        if (body != null && body.length > 0 && !isJson(contentType)) {
            throw new InvalidParameterException("Content-Type specified (" + (contentType == null ? "" : contentType)
                    + ") must be 'application/json'");
        }
        Object config = config(body);
        if (container == null || container.isEmpty()) {
            throw new InvalidParameterException("invalid name or ID supplied: \"\"");
        }
        boolean paused = pause == null || pause.isEmpty() || QueryFlags.isTrue(pause);
        ContainerCommit.Options options = new ContainerCommit.Options(config, changes == null ? List.of() : changes,
                orEmpty(author), orEmpty(comment), orEmpty(repo), orEmpty(tag), paused);
        return commits.commit(tenant, container, options, row -> mapper.inspect(row).config())
                .map(IdResponse::new);
    }

    /** The request's configuration, bound as strictly as a create's; null when the body is empty or {@code null}. */
    static ContainerConfig config(byte[] body) {
        JsonNode tree = StrictJson.tree(body);
        if (tree == null || tree.isNull()) {
            return null;
        }
        ContainerConfig config = StrictJson.bind(tree, ContainerConfig.class, "Config");
        List<String> kept = new ArrayList<>();
        // What dockerd writes into an image's config but Berth's images do not keep (their inspect shows the zero
        // values): refused when set, so that nobody believes a committed image carries it.
        Map<String, Boolean> unkept = new java.util.LinkedHashMap<>();
        unkept.put("Hostname", !orEmpty(config.hostname()).isEmpty());
        unkept.put("Domainname", !orEmpty(config.domainname()).isEmpty());
        unkept.put("AttachStdin", config.attachStdin());
        unkept.put("AttachStdout", config.attachStdout());
        unkept.put("AttachStderr", config.attachStderr());
        unkept.put("Tty", config.tty());
        unkept.put("OpenStdin", config.openStdin());
        unkept.put("StdinOnce", config.stdinOnce());
        unkept.put("ArgsEscaped", config.argsEscaped());
        unkept.put("Image", !orEmpty(config.image()).isEmpty());
        unkept.put("NetworkDisabled", config.networkDisabled());
        unkept.put("MacAddress", !orEmpty(config.macAddress()).isEmpty());
        unkept.put("StopTimeout", config.stopTimeout() != null);
        unkept.put("Healthcheck.StartInterval", config.healthcheck() != null && config.healthcheck().startInterval() != 0);
        unkept.forEach((field, set) -> {
            if (set) {
                kept.add(field);
            }
        });
        if (!kept.isEmpty()) {
            throw new InvalidParameterException("Berth's images do not keep " + String.join(", ", kept)
                    + ": leave " + (kept.size() == 1 ? "it" : "them") + " out of the commit's configuration");
        }
        return config;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().equalsIgnoreCase("application/json");
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}

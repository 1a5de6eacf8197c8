package io.berth.container.api;

import io.berth.container.ContainerNetworking;
import io.berth.container.ContainerState;
import io.berth.container.service.ContainerCreation;
import io.berth.container.service.ContainerLifecycle;
import io.berth.container.service.ContainerLookup;
import io.berth.container.clients.WorkerProcesses;
import io.berth.container.service.ContainerInsides;
import io.berth.container.service.ContainerPrunes;
import io.berth.container.service.ContainerRenames;
import io.berth.container.service.ExecSessions;
import io.berth.container.store.ContainerEntity;
import io.berth.kit.api.DockerFilters;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.api.QueryFlags;
import io.berth.kit.api.QueryInts;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * The Docker container endpoints that answer at once. The streaming ones (wait, attach, logs) are
 * {@link ContainerStreamRoutes}.
 */
@Path("/containers")
@Produces(MediaType.APPLICATION_JSON)
public class ContainerResource {
    private static final Set<String> LIST_FILTERS = Set.of("label", "status", "id", "name", "volume");

    private final ContainerCreation creation;
    private final ContainerLifecycle lifecycle;
    private final ContainerLookup lookup;
    private final ContainerMapper mapper;
    private final ExecSessions execs;
    private final ContainerRenames renames;
    private final ContainerPrunes prunes;
    private final ContainerInsides insides;

    ContainerResource(ContainerCreation creation, ContainerLifecycle lifecycle, ContainerLookup lookup,
            ContainerMapper mapper, ExecSessions execs, ContainerRenames renames, ContainerPrunes prunes,
            ContainerInsides insides) {
        this.insides = insides;
        this.prunes = prunes;
        this.renames = renames;
        this.execs = execs;
        this.creation = creation;
        this.lifecycle = lifecycle;
        this.lookup = lookup;
        this.mapper = mapper;
    }

    /**
     * The body is read here, not bound by Quarkus: a wrong JSON type must be a 400 that names the field, and a field
     * Berth would ignore must be refused ({@link ContainerCreateRequest#read}).
     */
    @POST
    @Path("/create")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(201)
    public Uni<ContainerCreateResponse> create(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @QueryParam("name") String name, byte[] body) {
        ContainerCreateRequest request = ContainerCreateRequest.read(body);
        ContainerNetworking networking = request.networking();
        // dockerd's warning, in its words: the node's own ports are the container's, nothing is published.
        List<String> warnings = networking.isHost() && !networking.portBindings().isEmpty()
                ? List.of("Published ports are discarded when using host network mode") : List.of();
        return creation.create(tenant, name, request.toSpec(), networking)
                .map(container -> new ContainerCreateResponse(container.id, warnings));
    }

    /** {@code docker exec}: a session on a running container, started later ({@link ExecStreamRoutes}). */
    @POST
    @Path("/{id}/exec")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(201)
    public Uni<IdResponse> exec(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            byte[] body) {
        return execs.create(tenant, id, ExecCreateRequest.read(body, id)).map(IdResponse::new);
    }

    /** dockerd's {@code IDResponse}. */
    public record IdResponse(@com.fasterxml.jackson.annotation.JsonProperty("Id") String id) {
    }

    @GET
    @Path("/json")
    public Uni<List<ContainerSummary>> list(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @QueryParam("all") String all, @QueryParam("limit") String limitParam, @QueryParam("filters") String filters) {
        Integer limit = QueryInts.parse("limit", limitParam);
        DockerFilters filter = DockerFilters.parse(filters);
        filter.allowOnly(LIST_FILTERS);
        boolean everything = QueryFlags.isTrue(all) || filter.has("status");
        return lookup.list(tenant).map(rows -> {
            Stream<ContainerSummary> matching = rows.stream()
                    .filter(c -> everything || c.state().isRunning())
                    .filter(c -> matches(filter, c))
                    .map(mapper::summary)
                    .filter(summary -> filter.matchesLabels(summary.labels()))
                    .filter(summary -> !filter.has("volume")
                            || filter.get("volume").stream().anyMatch(v -> MountPointView.matches(summary.mounts(), v)));
            return (limit != null && limit > 0 ? matching.limit(limit) : matching).toList();
        });
    }

    /** {@code docker container prune}: Docker's {@code ContainerPruneResponse}, null ids when none went. */
    @POST
    @Path("/prune")
    @Consumes(MediaType.WILDCARD)
    public Uni<PruneResponse> prune(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @QueryParam("filters") String filters) {
        return prunes.prune(tenant, DockerFilters.parse(filters))
                .map(pruned -> new PruneResponse(pruned.ids().isEmpty() ? null : pruned.ids(), pruned.reclaimed()));
    }

    /** dockerd's {@code ContainersPruneReport}. */
    public record PruneResponse(
            @com.fasterxml.jackson.annotation.JsonProperty("ContainersDeleted")
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
            List<String> containersDeleted,
            @com.fasterxml.jackson.annotation.JsonProperty("SpaceReclaimed") long spaceReclaimed) {
    }

    @GET
    @Path("/{id}/json")
    public Uni<ContainerInspect> inspect(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        return lookup.find(tenant, id).flatMap(container -> execs.liveIds(container)
                .map(ids -> mapper.inspect(container).withExecIds(ids)));
    }

    /** {@code docker top}: the container's processes as the node's ps lists them with {@code ps_args}. */
    @GET
    @Path("/{id}/top")
    public Uni<WorkerProcesses> top(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("ps_args") String psArgs) {
        return insides.top(tenant, id, TopArgs.check(psArgs));
    }

    /** {@code docker diff}: what the container changed, added and deleted in its image's files. */
    @GET
    @Path("/{id}/changes")
    public Uni<jakarta.ws.rs.core.Response> changes(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @PathParam("id") String id) {
        // No change is a 200 with a JSON null, as dockerd answers; a null entity would be a 204 here.
        return insides.changes(tenant, id).map(changes -> jakarta.ws.rs.core.Response
                .ok(changes == null ? "null" : changes, MediaType.APPLICATION_JSON).build());
    }

    @POST
    @Path("/{id}/start")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    public Uni<Void> start(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        return lifecycle.start(tenant, id);
    }

    @POST
    @Path("/{id}/stop")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    public Uni<Void> stop(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("t") String timeout, @QueryParam("signal") String signal) {
        return lifecycle.stop(tenant, id, QueryInts.parse("t", timeout), signal);
    }

    /** {@code docker restart}: stop as {@code stop} does ({@code t}, {@code signal}), then start. */
    @POST
    @Path("/{id}/restart")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    public Uni<Void> restart(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("t") String timeout, @QueryParam("signal") String signal) {
        return lifecycle.restart(tenant, id, QueryInts.parse("t", timeout), signal);
    }

    /** {@code docker pause}: the container's processes frozen by the cgroup freezer. */
    @POST
    @Path("/{id}/pause")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    public Uni<Void> pause(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        return lifecycle.pause(tenant, id);
    }

    @POST
    @Path("/{id}/unpause")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    public Uni<Void> unpause(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        return lifecycle.unpause(tenant, id);
    }

    @POST
    @Path("/{id}/kill")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    public Uni<Void> kill(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("signal") String signal) {
        return lifecycle.kill(tenant, id, signal);
    }

    /** Resizes the terminal of a running container: {@code h} rows, {@code w} columns (dockerd's strconv words). */
    @POST
    @Path("/{id}/resize")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(200)
    public Uni<Void> resize(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("h") String height, @QueryParam("w") String width) {
        return lifecycle.resize(tenant, id, TerminalSizes.parse(height), TerminalSizes.parse(width));
    }

    /** {@code docker rename}: a new name; 400 and 409 in dockerd's words (moby daemon/rename.go). */
    @POST
    @Path("/{id}/rename")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    public Uni<Void> rename(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("name") String name) {
        return renames.rename(tenant, id, name);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public Uni<Void> remove(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("force") String force, @QueryParam("v") String volumes) {
        return lifecycle.remove(tenant, id, QueryFlags.isTrue(force), QueryFlags.isTrue(volumes));
    }

    private static boolean matches(DockerFilters filter, ContainerEntity container) {
        if (filter.has("status") && !filter.get("status").contains(ContainerMapper.dockerState(container))) {
            return false;
        }
        if (filter.has("id") && filter.get("id").stream().noneMatch(container.id::startsWith)) {
            return false;
        }
        return !filter.has("name") || filter.get("name").stream()
                .anyMatch(name -> container.name.contains(name.startsWith("/") ? name.substring(1) : name));
    }
}

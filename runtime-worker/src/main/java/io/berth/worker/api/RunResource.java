package io.berth.worker.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.containers.RunStatus;
import io.berth.worker.containers.RunStatuses;
import io.berth.worker.containers.Runs;
import io.berth.worker.network.Attachment;
import io.berth.worker.network.NetworkPlan;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * A container's runs on this node: start one, signal it, read its facts (docs/internal-api.md, "runtime-worker").
 * Blocking, like {@link BundleResource}.
 */
@Path("/containers/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
    private final Runs runs;
    private final RunStatuses statuses;
    private final ObjectMapper json;

    RunResource(Runs runs, RunStatuses statuses, ObjectMapper json) {
        this.runs = runs;
        this.statuses = statuses;
        this.json = json;
    }

    /**
     * Starts run {@code run} (container-service numbers the runs); the optional body is the run's network plan
     * (endpoints, published ports, DNS, extra hosts). Answers the new run's status.
     */
    @POST
    @Path("/start")
    @Consumes(MediaType.WILDCARD)
    public RunStatus start(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("run") String run, byte[] body) {
        Long number = RunParam.parse(run);
        return runs.start(tenant, id, number == null ? 0 : number, plan(body));
    }

    /**
     * The body read by hand: a start without a plan may come with any content type (or none), which Quarkus REST
     * would refuse (415) before binding a record to it.
     */
    private NetworkPlan plan(byte[] body) {
        if (body == null || body.length == 0) {
            return NetworkPlan.none();
        }
        try {
            return json.readValue(body, NetworkPlan.class);
        } catch (IOException e) {
            throw new InvalidParameterException("the body must be a network plan: " + e.getMessage());
        }
    }

    /** Connects the live run to one more network (docker network connect on a running container). */
    @PUT
    @Path("/networks/{network}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response connect(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @PathParam("network") String network, Attachment attachment) {
        if (attachment == null || attachment.network() == null || !network.equals(attachment.network().id())) {
            throw new InvalidParameterException("the body must be the endpoint on network " + network);
        }
        runs.connect(tenant, id, attachment);
        return Response.noContent().build();
    }

    /** Disconnects the live run from one network. */
    @DELETE
    @Path("/networks/{network}")
    public Response disconnect(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @PathParam("network") String network) {
        runs.disconnect(tenant, id, network);
        return Response.noContent().build();
    }

    @POST
    @Path("/kill")
    public Response kill(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("signal") String signal) {
        runs.kill(tenant, id, signal);
        return Response.noContent().build();
    }

    /** Freezes every process of the live run (the cgroup freezer, through the OCI runtime); 409 when none lives. */
    @POST
    @Path("/pause")
    public Response pause(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        runs.pause(tenant, id);
        return Response.noContent().build();
    }

    /** Thaws what {@code pause} froze; a run that is not frozen is left as it is. */
    @POST
    @Path("/resume")
    public Response resume(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        runs.resume(tenant, id);
        return Response.noContent().build();
    }

    /** Resizes the live run's terminal ({@code h} rows, {@code w} columns). */
    @POST
    @Path("/resize")
    public Response resize(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("h") String height, @QueryParam("w") String width) {
        runs.resize(tenant, id, size("h", height), size("w", width));
        return Response.noContent().build();
    }

    private static int size(String name, String value) {
        try {
            int size = Integer.parseInt(value == null ? "" : value.trim());
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameterException("invalid value for " + name + ": " + value + " (a whole number, 0 or more)");
    }

    @GET
    public RunStatus status(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        return statuses.of(tenant, id);
    }
}

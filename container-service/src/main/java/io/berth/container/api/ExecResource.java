package io.berth.container.api;

import io.berth.container.ExecSettings;
import io.berth.container.service.ExecSessions;
import io.berth.container.store.ExecEntity;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * The exec endpoints that answer at once: inspect and resize. The create is under {@code /containers}
 * ({@link ContainerResource}), the start, which streams, is {@link ExecStreamRoutes}.
 */
@Path("/exec")
@Produces(MediaType.APPLICATION_JSON)
public class ExecResource {
    private final ExecSessions sessions;

    ExecResource(ExecSessions sessions) {
        this.sessions = sessions;
    }

    @GET
    @Path("/{id}/json")
    public Uni<ExecInspect> inspect(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        return sessions.inspect(tenant, id).map(ExecResource::inspect);
    }

    /** Resizes a running session's terminal ({@code h} rows, {@code w} columns, dockerd's strconv words). */
    @POST
    @Path("/{id}/resize")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(200)
    public Uni<Void> resize(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("h") String height, @QueryParam("w") String width) {
        return sessions.resize(tenant, id, TerminalSizes.parse(height), TerminalSizes.parse(width));
    }

    static ExecInspect inspect(ExecSessions.Session session) {
        ExecEntity row = session.row();
        ExecSettings settings = session.settings();
        return new ExecInspect(row.id, row.state == ExecEntity.State.RUNNING, row.exitCode,
                new ExecInspect.ProcessConfig(settings.tty(), settings.entrypoint(), settings.arguments(), false,
                        settings.user()),
                settings.attachStdin(), settings.attachStderr(), settings.attachStdout(), false, row.containerId,
                settings.detachKeys(), row.pid);
    }
}

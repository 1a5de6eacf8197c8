package io.berth.kit.tenant;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.DockerErrorMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns away a call without a tenant before it reaches a use case: JAX-RS does not run a parameter converter for a
 * missing header, so {@link TenantHeaderConverter} alone would hand the resource a null tenant.
 */
@Provider
@RequiresTenant
public class TenantRequiredFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        String tenant = request.getHeaderString(InternalHeaders.TENANT);
        if (tenant == null || tenant.isEmpty()) {
            request.abortWith(DockerErrorMapper.answer(400, "internal call without a tenant"));
        }
    }
}

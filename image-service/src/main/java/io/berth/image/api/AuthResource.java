package io.berth.image.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.image.pull.RegistryCredentials;
import io.berth.image.service.RegistryLogin;
import io.berth.kit.errors.InvalidParameterException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /auth} ({@code docker login}): {@code {"Status": "Login Succeeded", "IdentityToken": …}} when the
 * registry takes the credentials; dockerd's 500 with the registry's refusal otherwise.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/System/operation/SystemAuth">SystemAuth</a>
 */
@Path("/auth")
public class AuthResource {
    private final RegistryLogin login;

    AuthResource(RegistryLogin login) {
        this.login = login;
    }

    /** moby's AuthConfig as the CLI sends it. */
    public record AuthConfig(String username, String password, String auth, String email, String serveraddress,
            String identitytoken, String registrytoken) {
    }

    /** moby's AuthenticateOKBody. */
    public record AuthAnswer(@JsonProperty("IdentityToken") String identityToken, @JsonProperty("Status") String status) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<AuthAnswer> auth(AuthConfig body) {
        if (body == null) {
            return Uni.createFrom().failure(new InvalidParameterException("the body must be the credentials to check"));
        }
        RegistryCredentials credentials = new RegistryCredentials(body.username(), body.password(), body.identitytoken(),
                body.registrytoken());
        return login.login(body.serveraddress(), credentials).map(token -> new AuthAnswer(token, "Login Succeeded"));
    }
}

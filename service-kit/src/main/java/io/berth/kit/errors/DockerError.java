package io.berth.kit.errors;

/**
 * Docker's error body, {@code {"message": "..."}}.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#section/Errors">Docker API errors</a>
 */
public record DockerError(String message) {
}

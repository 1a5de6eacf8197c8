package io.berth.container.clients;

import java.util.List;

/**
 * What container-service asks image-service to commit: the container (its node has the change), its image by id and
 * as the container named it, the container's configuration and the request's (null for none) in Docker's
 * {@code container.Config} shape, and {@code docker commit}'s options.
 */
public record ImageCommitRequest(String container, String node, String image, String imageName, Object containerConfig,
        Object config, List<String> changes, String author, String comment, String repo, String tag, boolean pause) {
}

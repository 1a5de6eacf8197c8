package io.berth.image;

import java.time.Instant;

/** One name of an image, {@code repository:tag}, and when it was last given. */
public record RepoTag(String repository, String tag, Instant taggedAt) {
    @Override
    public String toString() {
        return repository + ":" + tag;
    }
}

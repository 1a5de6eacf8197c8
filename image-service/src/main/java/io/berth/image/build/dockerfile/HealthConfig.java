package io.berth.image.build.dockerfile;

import java.time.Duration;
import java.util.List;

/**
 * An image's healthcheck as a HEALTHCHECK instruction sets it: {@code test} is {@code ["NONE"]},
 * {@code ["CMD-SHELL", cmd]} or {@code ["CMD", args…]}; zero durations and retries mean "inherit the default".
 *
 * @see <a href="https://docs.docker.com/engine/reference/builder/#healthcheck">HEALTHCHECK</a>
 */
public record HealthConfig(List<String> test, Duration interval, Duration timeout, Duration startPeriod, int retries) {
    public HealthConfig {
        test = List.copyOf(test);
    }
}

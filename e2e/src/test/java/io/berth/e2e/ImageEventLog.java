package io.berth.e2e;

import static io.berth.e2e.Berth.docker;

import java.util.List;

/**
 * {@code docker events --filter type=image} since a moment, as {@code <action> <actor id>} lines, waited for: an image
 * event reaches the gateway through image-service's outbox and Kafka a moment after the command that made it.
 */
final class ImageEventLog {
    private ImageEventLog() {
    }

    /** The lines since {@code since} (epoch seconds) once they hold all of {@code expected}, or after 20 s. */
    static List<String> await(String since, String format, String... expected) {
        List<String> lines = List.of();
        for (int attempt = 0; attempt < 40; attempt++) {
            lines = docker("events", "--since", since, "--until", "0s", "--filter", "type=image", "--format", format)
                    .stdout().lines().toList();
            if (lines.containsAll(List.of(expected))) {
                return lines;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return lines;
    }
}

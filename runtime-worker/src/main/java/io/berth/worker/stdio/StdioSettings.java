package io.berth.worker.stdio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.worker.Files2;
import io.berth.worker.state.ContainerDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * What a container's stdio is beyond its spec's {@code process.terminal}: whether its stdin is open to attach
 * ({@code openStdin}, Docker's {@code OpenStdin}), whether it closes when the first attached client ends it
 * ({@code stdinOnce}, Docker's {@code StdinOnce}), and its terminal's first size ({@code height} and {@code width}
 * rows and columns, 0 for the runtime's default). Kept in the container's directory beside its bundle.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StdioSettings(boolean openStdin, boolean stdinOnce, int height, int width) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public StdioSettings {
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("a terminal size is not negative");
        }
    }

    /** stdin closed, no size: a container made before stdio settings existed reads as this. */
    public static StdioSettings closed() {
        return new StdioSettings(false, false, 0, 0);
    }

    public boolean hasSize() {
        return height > 0 && width > 0;
    }

    public static StdioSettings load(ContainerDir dir) {
        try {
            return Files.exists(dir.stdio()) ? JSON.readValue(dir.stdio().toFile(), StdioSettings.class) : closed();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable stdio settings in " + dir.path(), e);
        }
    }

    public void save(ContainerDir dir) {
        try {
            Files2.writeAtomically(dir.stdio(), JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

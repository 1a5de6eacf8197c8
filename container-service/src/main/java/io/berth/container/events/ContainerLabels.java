package io.berth.container.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.container.ContainerSpec;
import io.berth.container.ImageDefaults;
import io.berth.container.store.ContainerEntity;
import io.berth.kit.errors.InternalException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;

/**
 * Reads the stored spec of a container back, for the parts that need its labels or settings: as it was asked for
 * ({@link #spec}), or completed from its image as dockerd shows it ({@link #config}, {@link #of}).
 */
@ApplicationScoped
public class ContainerLabels {
    private final ObjectMapper json;

    ContainerLabels(ObjectMapper json) {
        this.json = json;
    }

    /** The container's labels and its image's, as dockerd's events, listings and filters see them. */
    public Map<String, String> of(ContainerEntity container) {
        return config(container).labels();
    }

    /** What the create asked for. */
    public ContainerSpec spec(ContainerEntity container) {
        try {
            return json.readValue(container.configJson, ContainerSpec.class);
        } catch (IOException e) {
            throw new InternalException("stored config of container " + container.id + " is unreadable", e);
        }
    }

    /** What the create asked for, completed from the image's defaults kept with it ({@link ImageDefaults}). */
    public ContainerSpec config(ContainerEntity container) {
        return imageDefaults(container).completing(spec(container));
    }

    private ImageDefaults imageDefaults(ContainerEntity container) {
        if (container.hostConfigJson == null) {
            return ImageDefaults.NONE;
        }
        try {
            ImageDefaults image = json.readValue(container.hostConfigJson, StoredImage.class).image();
            return image == null ? ImageDefaults.NONE : image;
        } catch (IOException e) {
            throw new InternalException("stored host settings of container " + container.id + " are unreadable", e);
        }
    }

    /** The one part of the stored host settings read here (ContainerCreation.HostSettings writes it). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record StoredImage(ImageDefaults image) {
    }
}

package io.berth.container.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.container.ContainerSpec;
import io.berth.container.store.ContainerEntity;
import io.berth.kit.errors.InternalException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;

/** Reads the stored spec of a container back, for the parts that need its labels or settings. */
@ApplicationScoped
public class ContainerLabels {
    private final ObjectMapper json;

    ContainerLabels(ObjectMapper json) {
        this.json = json;
    }

    public Map<String, String> of(ContainerEntity container) {
        return spec(container).labels();
    }

    public ContainerSpec spec(ContainerEntity container) {
        try {
            return json.readValue(container.configJson, ContainerSpec.class);
        } catch (IOException e) {
            throw new InternalException("stored config of container " + container.id + " is unreadable", e);
        }
    }
}

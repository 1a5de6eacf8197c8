package io.berth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.container.ContainerActions;
import io.berth.events.container.ContainerDie;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {
    private static final ContainerDie DIE = new ContainerDie("4a8f0c9e2b7d", "web", "busybox", Map.of("tier", "front"), 3, 2);

    @Test
    void encodesTheGoldenStructuredModeJson() throws IOException {
        CloudEvent event = new CloudEvent("3f1c1e1e-8d1b-4c55-9a43-2b1e5a4f0a11", "/berth/container-service",
                EventKind.CONTAINER.type(ContainerActions.DIE), "4a8f0c9e2b7d",
                Instant.parse("2026-11-22T10:15:30.123456789Z"), "default", CloudEventCodec.toTree(DIE));

        assertThat(new String(CloudEventCodec.encode(event), StandardCharsets.UTF_8)).isEqualTo(golden("container-die.json"));
    }

    @Test
    void roundTripsThroughTheGoldenFile() throws IOException {
        CloudEvent event = CloudEventCodec.decode(golden("container-die.json").getBytes(StandardCharsets.UTF_8));

        assertThat(event.typedAction()).isEqualTo(new EventKind.TypedAction(EventKind.CONTAINER, "die"));
        assertThat(event.tenant()).isEqualTo("default");
        assertThat(event.dataAs(ContainerDie.class)).isEqualTo(DIE);
        assertThat(new String(CloudEventCodec.encode(event), StandardCharsets.UTF_8)).isEqualTo(golden("container-die.json"));
    }

    @Test
    void readersIgnorePayloadFieldsAddedLater() {
        String json = golden("container-die.json").replace("\"exitCode\":3", "\"exitCode\":3,\"oomKilled\":false");

        assertThat(CloudEventCodec.decode(json.getBytes(StandardCharsets.UTF_8)).dataAs(ContainerDie.class)).isEqualTo(DIE);
    }

    @Test
    void rejectsWhatIsNotACloudEvent() {
        assertThatThrownBy(() -> CloudEventCodec.decode("nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> CloudEventCodec.decode("{\"specversion\":\"0.3\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("specversion");
        assertThatThrownBy(() -> CloudEventCodec.decode("{\"specversion\":\"1.0\",\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid CloudEvent");
    }

    @Test
    void parsesOnlyBerthTypes() {
        assertThat(EventKind.parse("io.berth.node.exit")).isEqualTo(new EventKind.TypedAction(EventKind.NODE, "exit"));
        assertThat(EventKind.parse("com.example.thing.happened")).isNull();
        assertThat(EventKind.parse("io.berth.planet.create")).isNull();
    }

    private static String golden(String name) {
        try (InputStream in = CloudEventCodecTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

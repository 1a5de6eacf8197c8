package io.berth.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.events.EventKind;
import io.berth.events.container.ContainerExec;
import io.berth.events.container.ContainerKill;
import io.berth.events.volume.VolumeMount;
import io.berth.events.volume.VolumePrune;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Berth CloudEvents rendered as Docker event messages, checked against a golden file. */
class EventRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = EventRendererTest.class.getResourceAsStream("/golden/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aContainerDieBecomesDockersMessage() throws IOException {
        CloudEvent event = CloudEventCodec.decode(golden("cloudevent-container-die.json"));
        JsonNode rendered = JSON.readTree(EventRenderer.render(event).toLine());
        assertThat(rendered).isEqualTo(JSON.readTree(golden("docker-event-container-die.json")));
    }

    @Test
    void aContainerKillCarriesTheSignalByNumberAsDockerDoes() {
        EventMessage message = EventRenderer.render(new CloudEvent("1", "test", EventKind.CONTAINER.type("kill"), "c1",
                Instant.ofEpochSecond(5), "default",
                JSON.valueToTree(new ContainerKill("c1", "web", "busybox", Map.of("tier", "t"), 15))));
        assertThat(message.actor().attributes())
                .isEqualTo(Map.of("tier", "t", "image", "busybox", "name", "web", "signal", "15"));
        assertThat(message.status()).isEqualTo("kill");
    }

    @Test
    void aContainerPruneHasAnActorWithoutIdAndOnlyWhatItFreedAsDockerd() {
        // dockerd 20.10: {"status":"prune","id":"","from":"","Type":"container","Action":"prune",
        // "Actor":{"ID":"","Attributes":{"reclaimed":"0"}},"scope":"local",…}
        EventMessage message = EventRenderer.render(new CloudEvent("1", "test", EventKind.CONTAINER.type("prune"), null,
                Instant.ofEpochSecond(5), "default", JSON.valueToTree(new io.berth.events.container.ContainerPrune(4096))));
        assertThat(message.actor().id()).isEmpty();
        assertThat(message.actor().attributes()).isEqualTo(Map.of("reclaimed", "4096"));
        assertThat(message.status()).isEqualTo("prune");
        assertThat(message.action()).isEqualTo("prune");
    }

    @Test
    void aContainerPauseIsAPlainContainerEvent() {
        EventMessage message = EventRenderer.render(new CloudEvent("1", "test", EventKind.CONTAINER.type("pause"), "c1",
                Instant.ofEpochSecond(5), "default", JSON.valueToTree(new io.berth.events.container.ContainerEvent("c1",
                        "web", "busybox", Map.of(), "sha256:abc"))));
        assertThat(message.actor().attributes()).isEqualTo(Map.of("image", "busybox", "name", "web"));
        assertThat(message.status()).isEqualTo("pause");
    }

    @Test
    void aContainerCommitNamesTheImageAsDockerDoes() {
        // dockerd 20.10: container commit <id> (comment=msg, image=busybox, imageID=sha256:…, imageRef=cimg:1, name=c1)
        EventMessage message = EventRenderer.render(new CloudEvent("1", "test", EventKind.CONTAINER.type("commit"), "c1",
                Instant.ofEpochSecond(5), "default", JSON.valueToTree(new io.berth.events.container.ContainerCommit("c1",
                        "web", "busybox", Map.of(), "msg", "sha256:abc", "cimg:1"))));
        assertThat(message.actor().attributes()).isEqualTo(Map.of("image", "busybox", "name", "web", "comment", "msg",
                "imageID", "sha256:abc", "imageRef", "cimg:1"));
        assertThat(message.status()).isEqualTo("commit");
    }

    @Test
    void anExecsEventsAreNamedWithItsCommandAndCarryItsIdAndExitCodeAsDockerEngine() {
        EventMessage create = EventRenderer.render(new CloudEvent("1", "test", EventKind.CONTAINER.type("exec_create"),
                "c1", Instant.ofEpochSecond(5), "default",
                JSON.valueToTree(new ContainerExec("c1", "web", "busybox", Map.of(), "e1", "nosuch ", null))));
        EventMessage die = EventRenderer.render(new CloudEvent("2", "test", EventKind.CONTAINER.type("exec_die"),
                "c1", Instant.ofEpochSecond(5), "default",
                JSON.valueToTree(new ContainerExec("c1", "web", "busybox", Map.of(), "e1", null, 7))));

        // Docker Engine 20.10: "exec_create: nosuch " (entrypoint, a space, no arguments), then exec_die with the code.
        assertThat(create.action()).isEqualTo("exec_create: nosuch ");
        assertThat(create.status()).isEqualTo("exec_create: nosuch ");
        assertThat(create.actor().attributes()).isEqualTo(Map.of("execID", "e1", "image", "busybox", "name", "web"));
        assertThat(die.action()).isEqualTo("exec_die");
        assertThat(die.actor().attributes())
                .isEqualTo(Map.of("execID", "e1", "exitCode", "7", "image", "busybox", "name", "web"));
    }

    @Test
    void aRenameCarriesTheOldNameWithItsSlashAsDockerEngine() {
        EventMessage message = EventRenderer.render(new CloudEvent("1", "test", EventKind.CONTAINER.type("rename"), "c1",
                Instant.ofEpochSecond(5), "default", JSON.valueToTree(
                        new io.berth.events.container.ContainerRename("c1", "new", "busybox", Map.of(), "/old"))));
        assertThat(message.actor().attributes())
                .isEqualTo(Map.of("image", "busybox", "name", "new", "oldName", "/old"));
        assertThat(message.status()).isEqualTo("rename");
    }

    @Test
    void anImageEventHasIdAndStatusButNoFrom() {
        EventMessage message = EventRenderer.render(new CloudEvent("1", "test", EventKind.IMAGE.type("pull"), "busybox:latest",
                Instant.ofEpochSecond(5), "default", JSON.valueToTree(Map.of("name", "busybox:latest"))));
        assertThat(message.status()).isEqualTo("pull");
        assertThat(message.id()).isEqualTo("busybox:latest");
        assertThat(message.from()).isNull();
        assertThat(message.toLine()).doesNotContain("\"from\"").endsWith("}\n");
        assertThat(message.actor().attributes()).containsEntry("name", "busybox:latest");
    }

    @Test
    void networkEventsCarryTheirPayloadsScalarsAndNoDeprecatedFields() {
        EventMessage message = EventRenderer.render(new CloudEvent("1", "test", EventKind.NETWORK.type("connect"), "n1",
                Instant.ofEpochSecond(5, 7), "default",
                JSON.valueToTree(Map.of("id", "n1", "name", "app", "type", "bridge", "container", "c1", "labels", Map.of("a", "b")))));
        assertThat(message.type()).isEqualTo("network");
        assertThat(message.status()).isNull();
        assertThat(message.timeNano()).isEqualTo(5_000_000_007L);
        assertThat(message.actor().attributes()).isEqualTo(Map.of("name", "app", "type", "bridge", "container", "c1", "a", "b"));
    }

    @Test
    void volumeEventsShowDockersAttributesUnderDockersNames() {
        EventMessage mount = EventRenderer.render(new CloudEvent("1", "test", EventKind.VOLUME.type("mount"), "data",
                Instant.ofEpochSecond(5), "default",
                JSON.valueToTree(new VolumeMount("data", "local", "c1", "/var/lib/db", "", false))));
        EventMessage prune = EventRenderer.render(new CloudEvent("2", "test", EventKind.VOLUME.type("prune"), null,
                Instant.ofEpochSecond(5), "default", JSON.valueToTree(new VolumePrune(4096))));

        assertThat(mount.actor().id()).isEqualTo("data");
        assertThat(mount.actor().attributes()).isEqualTo(Map.of("driver", "local", "container", "c1",
                "destination", "/var/lib/db", "propagation", "", "read/write", "false"));
        assertThat(prune.actor().id()).isEmpty();
        assertThat(prune.actor().attributes()).isEqualTo(Map.of("reclaimed", "4096"));
    }

    @Test
    void nodeFactsAndForeignTypesAreNotShown() {
        assertThat(EventRenderer.render(new CloudEvent("1", "test", EventKind.NODE.type("exit"), "c", Instant.EPOCH, "default",
                null))).isNull();
        assertThat(EventRenderer.render(new CloudEvent("1", "test", "com.example.thing", "c", Instant.EPOCH, "default",
                null))).isNull();
    }
}

package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.CloudEvent;
import io.berth.events.Topics;
import io.berth.testkit.TopicProbe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A container's life as CloudEvents on Kafka and as {@code docker events} shows it. */
@ExtendWith(Berth.class)
class EventsIT {
    @Test
    void aRunIsAnnouncedOnKafkaAndShownByDockerEvents() {
        Command.Result run = docker("run", "--name", "evented", "--label", "suite=events", "busybox", "sh", "-c", "exit 4");
        assertThat(run.exitCode()).as("%s", run).isEqualTo(4);
        String id = docker("inspect", "--format", "{{.Id}}", "evented").stdout().strip();
        assertThat(docker("rm", "evented").exitCode()).isZero();

        List<CloudEvent> events = TopicProbe.awaitEvents(Berth.KAFKA, Topics.CONTAINERS,
                all -> all.stream().filter(e -> id.equals(e.subject())).count() >= 5, Duration.ofSeconds(30))
                .stream().filter(e -> id.equals(e.subject())).toList();
        // An attached run: the CLI attaches before it starts, and dockerd announces the attach (issue 9).
        assertThat(events).extracting(CloudEvent::type).containsExactly("io.berth.container.create",
                "io.berth.container.attach", "io.berth.container.start", "io.berth.container.die", "io.berth.container.destroy");
        assertThat(events).allSatisfy(e -> assertThat(e.tenant()).isEqualTo("default"));
        assertThat(events.get(3).data().get("exitCode").asInt()).isEqualTo(4);

        Command.Result shown = docker("events", "--since", "10m", "--until", "0s", "--filter", "container=" + id,
                "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.suite}}");
        assertThat(shown.exitCode()).as("%s", shown).isZero();
        assertThat(shown.stdout().lines()).containsSubsequence(
                "container create evented events", "container start evented events", "container die evented events",
                "container destroy evented events");
    }

    @Test
    void dockerEventsFiltersByTypeAndAction() {
        Command.Result run = docker("run", "--rm", "busybox", "true");
        assertThat(run.exitCode()).as("%s", run).isZero();

        Command.Result shown = docker("events", "--since", "10m", "--until", "0s", "--filter", "type=container",
                "--filter", "event=die", "--format", "{{.Type}} {{.Action}}");

        assertThat(shown.exitCode()).as("%s", shown).isZero();
        assertThat(shown.stdout().lines()).isNotEmpty().allMatch("container die"::equals);
    }
}

package io.berth.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.CloudEvent;
import io.berth.events.EventKind;
import io.berth.events.container.ContainerActions;
import io.berth.events.container.ContainerCommit;
import io.berth.events.container.ContainerDie;
import io.berth.events.container.ContainerEvent;
import io.berth.events.container.ContainerExec;
import io.berth.events.container.ContainerKill;
import io.berth.events.container.ContainerPrune;
import io.berth.events.container.ContainerRename;
import io.berth.events.container.ContainerResize;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders one of Berth's CloudEvents as Docker's event message (surface §3.4). Container attributes are the labels
 * plus {@code image} and {@code name}, {@code exitCode} for {@code die} and {@code signal} for {@code kill}, {@code height} and
 * {@code width} for {@code resize}, {@code comment}, {@code imageID} and {@code imageRef} for {@code commit},
 * {@code execID} (and {@code exitCode} for {@code exec_die}) for an exec's events, {@code oldName} for {@code rename},
 * only {@code reclaimed} for {@code prune} (moby daemon/events.go
 * {@code LogContainerEventWithAttributes}, daemon/monitor.go); other kinds carry their payload's scalar fields.
 */
public final class EventRenderer {
    private EventRenderer() {
    }

    /** Docker's message, or null for an event {@code /events} does not show (node facts, foreign types). */
    public static EventMessage render(CloudEvent event) {
        EventKind.TypedAction typed = event.typedAction();
        if (typed == null || typed.kind() == EventKind.NODE) {
            return null;
        }
        String id = event.subject() == null ? "" : event.subject();
        Instant time = event.time();
        long nanos = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        String action = typed.action();
        return switch (typed.kind()) {
            // compose 1.29 reads the deprecated status/id/from of container events (surface §3.4).
            case CONTAINER -> {
                Map<String, String> attributes = containerAttributes(event, action);
                action = containerAction(event, action);
                yield new EventMessage(action, id, attributes.getOrDefault("image", ""), "container", action,
                        new EventMessage.Actor(id, attributes), "local", time.getEpochSecond(), nanos);
            }
            // dockerd fills id and status, not from, for image events (moby daemon/events/events.go Log).
            case IMAGE -> new EventMessage(action, id, null, "image", action,
                    new EventMessage.Actor(id, genericAttributes(event.data())), "local", time.getEpochSecond(), nanos);
            default -> new EventMessage(null, null, null, typed.kind().word(), action,
                    new EventMessage.Actor(id, genericAttributes(event.data())), "local", time.getEpochSecond(), nanos);
        };
    }

    /**
     * dockerd names an exec's create and start with its command: {@code exec_create: sh -c true} (moby daemon/exec.go;
     * a command without arguments keeps the space after it, as dockerd's join does).
     */
    private static String containerAction(CloudEvent event, String action) {
        if (!ContainerActions.EXEC_CREATE.equals(action) && !ContainerActions.EXEC_START.equals(action)) {
            return action;
        }
        try {
            ContainerExec exec = event.dataAs(ContainerExec.class);
            return exec.command() == null ? action : action + ": " + exec.command();
        } catch (IllegalArgumentException notOurPayload) {
            return action;
        }
    }

    private static Map<String, String> containerAttributes(CloudEvent event, String action) {
        Map<String, String> attributes = new LinkedHashMap<>();
        try {
            if (action.startsWith("exec_")) {
                ContainerExec exec = event.dataAs(ContainerExec.class);
                attributes.put("execID", exec.execId());
                if (exec.exitCode() != null) {
                    attributes.put("exitCode", Integer.toString(exec.exitCode()));
                }
                // then labels, image and name, as for every container event
                put(attributes, exec.labels(), exec.image(), exec.name());
                return attributes;
            }
            if (ContainerActions.PRUNE.equals(action)) {
                // dockerd's prune event: an actor without an id, and only what it freed (moby daemon/prune.go).
                attributes.put("reclaimed", Long.toString(event.dataAs(ContainerPrune.class).reclaimed()));
                return attributes;
            }
            if (ContainerActions.RENAME.equals(action)) {
                ContainerRename rename = event.dataAs(ContainerRename.class);
                put(attributes, rename.labels(), rename.image(), rename.name());
                attributes.put("oldName", rename.oldName());
                return attributes;
            }
            if (ContainerActions.DIE.equals(action)) {
                ContainerDie die = event.dataAs(ContainerDie.class);
                put(attributes, die.labels(), die.image(), die.name());
                attributes.put("exitCode", Integer.toString(die.exitCode()));
            } else if (ContainerActions.KILL.equals(action)) {
                ContainerKill kill = event.dataAs(ContainerKill.class);
                put(attributes, kill.labels(), kill.image(), kill.name());
                attributes.put("signal", Integer.toString(kill.signal()));
            } else if (ContainerActions.RESIZE.equals(action)) {
                ContainerResize resize = event.dataAs(ContainerResize.class);
                put(attributes, resize.labels(), resize.image(), resize.name());
                attributes.put("height", Integer.toString(resize.height()));
                attributes.put("width", Integer.toString(resize.width()));
            } else if (ContainerActions.COMMIT.equals(action)) {
                ContainerCommit commit = event.dataAs(ContainerCommit.class);
                put(attributes, commit.labels(), commit.image(), commit.name());
                attributes.put("comment", commit.comment());
                attributes.put("imageID", commit.imageID());
                attributes.put("imageRef", commit.imageRef());
            } else {
                ContainerEvent container = event.dataAs(ContainerEvent.class);
                put(attributes, container.labels(), container.image(), container.name());
            }
        } catch (IllegalArgumentException notOurPayload) {
            return genericAttributes(event.data());
        }
        return attributes;
    }

    /** Labels first, then image and name, which win over a label of the same key, as in dockerd. */
    private static void put(Map<String, String> attributes, Map<String, String> labels, String image, String name) {
        attributes.putAll(labels);
        if (image != null) {
            attributes.put("image", image);
        }
        if (name != null) {
            attributes.put("name", name);
        }
    }

    /** Labels, then the payload's own scalar fields but its id, which is the actor's. */
    private static Map<String, String> genericAttributes(JsonNode data) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (data == null || !data.isObject()) {
            return attributes;
        }
        JsonNode labels = data.get("labels");
        if (labels != null && labels.isObject()) {
            labels.fields().forEachRemaining(label -> attributes.put(label.getKey(), label.getValue().asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = data.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!"id".equals(field.getKey()) && field.getValue().isValueNode() && !field.getValue().isNull()) {
                attributes.put(field.getKey(), field.getValue().asText());
            }
        }
        return attributes;
    }
}

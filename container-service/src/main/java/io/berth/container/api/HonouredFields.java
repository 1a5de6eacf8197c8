package io.berth.container.api;

import static java.util.Map.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.kit.errors.InvalidParameterException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Nothing a create asks for is silently ignored (ARCHITECTURE rule 9): each field of the body's Config, HostConfig
 * and NetworkingConfig is one Berth honours, or it is at its zero value, or at a default listed here that means what
 * Berth does anyway; anything else is refused with 400 naming the field. Zero values must pass: the docker CLI sends
 * every field of HostConfig on every create, docker-py and docker-java many, almost all of them null, "", 0, false,
 * [] or {} (reference/docker-client-call-sequences.md). A field this table does not know, one of a newer API included,
 * is held to the same rule.
 */
final class HonouredFields {
    /** The biggest part of a refused value that a message repeats. */
    private static final int SHOWN_VALUE = 64;

    /** What the check does with one field; keys are paths in lower case, {@code *} stands for any key of a map. */
    private static final Map<String, Rule> RULES = Map.ofEntries(
            // What ContainerSpec carries and the create acts on. Their types were checked when the body was bound.
            honoured("Config.Hostname"), honoured("Config.User"), honoured("Config.Env"), honoured("Config.Cmd"),
            honoured("Config.Entrypoint"), honoured("Config.Image"), honoured("Config.WorkingDir"),
            honoured("Config.Labels"),
            // Recorded and shown by inspect: they tell a client which streams to attach, and dockerd acts on them no
            // more than Berth does.
            honoured("Config.AttachStdin"), honoured("Config.AttachStdout"), honoured("Config.AttachStderr"),
            // Interactive containers (issue 9): a terminal, stdin open to attach, closed after the first attach.
            honoured("Config.Tty"), honoured("Config.OpenStdin"), honoured("Config.StdinOnce"),
            struct("Config.Healthcheck"),
            // NONE switches the image's healthcheck off; Berth runs none at all yet (issue 9).
            defaults("Config.Healthcheck.Test", "[\"NONE\"]"),
            // What docker stop, restart and rm -f send and how long they wait (null: Docker's 10 s).
            honoured("Config.StopSignal"), honoured("Config.StopTimeout"),
            struct("HostConfig"),
            honoured("HostConfig.AutoRemove"),
            // The docker CLI sends its terminal's size on every run from a terminal, TTY or not. It sizes a Tty
            // container's terminal at start, and has no effect without one, as in dockerd.
            honoured("HostConfig.ConsoleSize"),
            struct("HostConfig.RestartPolicy"),
            defaults("HostConfig.RestartPolicy.Name", "\"no\""),
            struct("HostConfig.LogConfig"),
            // Berth's logs answer the logs API as Docker's default json-file driver does (ContainerMapper), so naming
            // that driver asks for what every container gets; options such as max-size are not honoured yet.
            defaults("HostConfig.LogConfig.Type", "\"json-file\""),
            // The docker CLI sends -1 (the kernel's default); 0 would mean "do not swap", so only null and -1 pass.
            exactly("HostConfig.MemorySwappiness", "null", "-1"),
            // 0 and -1 both mean "no limit" to dockerd.
            defaults("HostConfig.PidsLimit", "-1"),
            defaults("HostConfig.Isolation", "\"default\""),
            // The container's filesystems (issue 10): every form of -v, --mount, --tmpfs, --volumes-from and --read-only
            // is acted on (container-service README, "Mounts"); each HostConfig.Mounts entry is judged member by member
            // by MountSpecs. VolumeDriver names the driver of the volumes it makes: volume-service refuses all but local.
            honoured("Config.Volumes"), honoured("HostConfig.Binds"), honoured("HostConfig.Mounts"),
            honoured("HostConfig.Tmpfs"), honoured("HostConfig.VolumesFrom"), honoured("HostConfig.VolumeDriver"),
            honoured("HostConfig.ReadonlyRootfs"),
            struct("NetworkingConfig"),
            // Networks and published ports (issue 11): the network mode (default, bridge, none, host,
            // container:<ref> or a user network), the endpoint settings of any network, ports, DNS and extra hosts,
            // read by NetworkingRequest and acted on by container-service, network-service and the worker.
            honoured("HostConfig.NetworkMode"), honoured("HostConfig.PortBindings"),
            honoured("HostConfig.PublishAllPorts"), honoured("HostConfig.Dns"), honoured("HostConfig.DnsSearch"),
            honoured("HostConfig.DnsOptions"), honoured("HostConfig.ExtraHosts"), honoured("Config.ExposedPorts"),
            honoured("Config.MacAddress"),
            anyKeys("NetworkingConfig.EndpointsConfig"),
            honoured("NetworkingConfig.EndpointsConfig.*.Aliases"),
            honoured("NetworkingConfig.EndpointsConfig.*.MacAddress"),
            struct("NetworkingConfig.EndpointsConfig.*.IPAMConfig"),
            honoured("NetworkingConfig.EndpointsConfig.*.IPAMConfig.IPv4Address"));

    private HonouredFields() {
    }

    /** Refuses the first field of a create body that Berth would ignore. */
    static void check(JsonNode body) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String name = field.getKey();
            boolean beside = name.equalsIgnoreCase("HostConfig") || name.equalsIgnoreCase("NetworkingConfig");
            String path = beside ? name : "Config." + name;
            check(path, path, field.getValue());
        }
    }

    /** {@code path} names the field in messages; {@code rulePath} is the same with a map's keys as {@code *}. */
    private static void check(String path, String rulePath, JsonNode value) {
        Rule rule = RULES.getOrDefault(rulePath.toLowerCase(Locale.ROOT), Rule.ZERO);
        switch (rule.kind()) {
            case HONOURED -> {
            }
            case STRUCT -> members(path, rulePath, value);
            case ANY_KEYS -> {
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    members(path + "." + entry.getKey(), rulePath + ".*", entry.getValue());
                }
                if (!value.isObject() && !isZero(value)) {
                    throw unsupported(path);
                }
            }
            case DEFAULTS, EXACTLY -> {
                boolean zeroPasses = rule.kind() == Kind.DEFAULTS;
                if (!(zeroPasses && isZero(value)) && !rule.values().contains(value.toString())) {
                    throw value.isTextual()
                            ? new InvalidParameterException("Berth does not support " + path + " " + shown(value.asText()) + " yet")
                            : unsupported(path);
                }
            }
            case ZERO -> {
                if (!isZero(value)) {
                    throw unsupported(path);
                }
            }
        }
    }

    private static void members(String path, String rulePath, JsonNode struct) {
        if (!struct.isObject()) {
            if (!isZero(struct)) {
                throw unsupported(path);
            }
            return;
        }
        for (Map.Entry<String, JsonNode> member : struct.properties()) {
            check(path + "." + member.getKey(), rulePath + "." + member.getKey(), member.getValue());
        }
    }

    /** Go's zero values, as clients write a field they leave unset. */
    static boolean isZero(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode()
                || (value.isTextual() && value.asText().isEmpty())
                || (value.isNumber() && value.decimalValue().signum() == 0)
                || (value.isBoolean() && !value.asBoolean())
                || (value.isContainerNode() && value.isEmpty());
    }

    private static InvalidParameterException unsupported(String path) {
        return new InvalidParameterException("Berth does not support " + path + " yet");
    }

    private static String shown(String value) {
        return "\"" + (value.length() > SHOWN_VALUE ? value.substring(0, SHOWN_VALUE) + "…" : value) + "\"";
    }

    private static Map.Entry<String, Rule> honoured(String path) {
        return rule(path, new Rule(Kind.HONOURED, Set.of()));
    }

    private static Map.Entry<String, Rule> struct(String path) {
        return rule(path, new Rule(Kind.STRUCT, Set.of()));
    }

    private static Map.Entry<String, Rule> anyKeys(String path) {
        return rule(path, new Rule(Kind.ANY_KEYS, Set.of()));
    }

    private static Map.Entry<String, Rule> defaults(String path, String... json) {
        return rule(path, new Rule(Kind.DEFAULTS, Set.of(json)));
    }

    private static Map.Entry<String, Rule> exactly(String path, String... json) {
        return rule(path, new Rule(Kind.EXACTLY, Set.of(json)));
    }

    private static Map.Entry<String, Rule> rule(String path, Rule rule) {
        return entry(path.toLowerCase(Locale.ROOT), rule);
    }

    /** How a field is judged. */
    private enum Kind {
        /** Any value: Berth acts on it. */
        HONOURED,
        /** A Go struct: each member is judged by its own rule. */
        STRUCT,
        /** A map of structs with any keys; each entry is judged as a struct. */
        ANY_KEYS,
        /** Zero, or one of {@code values} (JSON text). */
        DEFAULTS,
        /** Only one of {@code values} (JSON text): a field whose zero means something Berth does not do. */
        EXACTLY,
        /** Zero only: everything the table does not list. */
        ZERO
    }

    /** One line of the table. */
    private record Rule(Kind kind, Set<String> values) {
        static final Rule ZERO = new Rule(Kind.ZERO, Set.of());
    }
}

package io.berth.network.service;

import io.berth.kit.errors.InvalidParameterException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bridge driver's options a network create may set ({@code docker network create -o}), checked before anything
 * is made. Berth honours the bridge's name and MTU; the defaults of the others pass, and any other value or option is
 * refused, naming it, since Berth would not act on it (ARCHITECTURE rule 9).
 *
 * @see <a href="https://docs.docker.com/engine/network/drivers/bridge/#options">Docker bridge driver options</a>
 */
final class BridgeOptions {
    static final String NAME = "com.docker.network.bridge.name";
    static final String MTU = "com.docker.network.driver.mtu";
    /** Options whose only honoured value is dockerd's default. */
    private static final Map<String, String> DEFAULTS = Map.of(
            "com.docker.network.bridge.enable_icc", "true",
            "com.docker.network.bridge.enable_ip_masquerade", "true",
            "com.docker.network.bridge.host_binding_ipv4", "0.0.0.0");
    /** A Linux interface name: at most 15 bytes (IFNAMSIZ less the NUL), no slash, blank or colon. */
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Set<String> NOT_NAMES = Set.of(".", "..");

    private BridgeOptions() {
    }

    static void validate(Map<String, String> options) {
        for (Map.Entry<String, String> option : options.entrySet()) {
            String key = option.getKey();
            String value = option.getValue() == null ? "" : option.getValue();
            switch (key) {
                case NAME -> {
                    if (!INTERFACE.matcher(value).matches() || NOT_NAMES.contains(value)) {
                        throw new InvalidParameterException("invalid bridge name \"" + value + "\": a Linux interface name"
                                + " has 1 to 15 letters, digits, '_', '.' or '-'");
                    }
                }
                case MTU -> mtu(value);
                default -> {
                    String honoured = DEFAULTS.get(key);
                    if (honoured == null) {
                        throw new InvalidParameterException("Berth does not support the network option " + key + " yet");
                    }
                    if (!honoured.equals(value)) {
                        throw new InvalidParameterException("Berth does not support " + key + "=" + value + " yet");
                    }
                }
            }
        }
    }

    /** The MTU an option asks for, 0 when none: the bridge then has the kernel's default, 1500. */
    static int mtu(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            int mtu = Integer.parseInt(value);
            if (mtu < 68 || mtu > 65535) {
                throw new NumberFormatException();
            }
            return mtu;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("invalid MTU " + value + ": it must be a number from 68 to 65535");
        }
    }
}

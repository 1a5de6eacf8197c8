package io.berth.worker.network;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.worker.state.MetaStore;

/**
 * Which network namespace a container's runs have, as a create names it (docs/internal-api.md): {@code private}, a
 * new one the runtime makes with loopback only (Docker's {@code none}, and the default); {@code managed}, one the
 * worker makes and netavark sets up at each start (bridge networks); {@code host}, the node's own; or
 * {@code container:<id>}, the managed one of another container on the node.
 */
public record NamespaceMode(Kind kind, String container) {
    /** The four kinds. */
    public enum Kind { PRIVATE, MANAGED, HOST, CONTAINER }

    public static NamespaceMode parse(String text) {
        if (text == null || text.isEmpty() || text.equals("private")) {
            return new NamespaceMode(Kind.PRIVATE, null);
        }
        if (text.equals("managed")) {
            return new NamespaceMode(Kind.MANAGED, null);
        }
        if (text.equals("host")) {
            return new NamespaceMode(Kind.HOST, null);
        }
        if (text.startsWith("container:") && MetaStore.ID.matcher(text.substring("container:".length())).matches()) {
            return new NamespaceMode(Kind.CONTAINER, text.substring("container:".length()));
        }
        throw new InvalidParameterException("network must be private, managed, host or container:<64 hex id>, not " + text);
    }
}

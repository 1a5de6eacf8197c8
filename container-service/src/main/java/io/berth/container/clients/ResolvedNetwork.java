package io.berth.container.clients;

/** A network a create names, as network-service resolved it: id, name, driver, and whether it is user-defined. */
public record ResolvedNetwork(String id, String name, String driver, boolean userDefined) {
}

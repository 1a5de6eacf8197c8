package io.berth.network.endpoints;

/**
 * A network a container's create names, as container-service keeps it: the id and name, the driver, and whether it is
 * a user-defined network (where names resolve and aliases and fixed addresses are allowed).
 */
public record ResolvedNetwork(String id, String name, String driver, boolean userDefined) {
}

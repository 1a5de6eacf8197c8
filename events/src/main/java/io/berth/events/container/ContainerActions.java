package io.berth.events.container;

/** The container actions Berth publishes, with Docker's own words so that {@code /events} needs no mapping. */
public final class ContainerActions {
    public static final String CREATE = "create";
    public static final String START = "start";
    public static final String KILL = "kill";
    public static final String STOP = "stop";
    public static final String DIE = "die";
    public static final String DESTROY = "destroy";
    public static final String ATTACH = "attach";
    public static final String DETACH = "detach";
    public static final String RESIZE = "resize";
    public static final String RENAME = "rename";
    public static final String PAUSE = "pause";
    public static final String UNPAUSE = "unpause";
    public static final String RESTART = "restart";
    /** A {@code docker container prune}: no container is its subject; its payload is {@link ContainerPrune}. */
    public static final String PRUNE = "prune";
    public static final String COMMIT = "commit";
    /** Rendered by {@code /events} as {@code exec_create: <command>}, as dockerd names it. */
    public static final String EXEC_CREATE = "exec_create";
    /** Rendered by {@code /events} as {@code exec_start: <command>}. */
    public static final String EXEC_START = "exec_start";
    public static final String EXEC_DIE = "exec_die";
    public static final String EXEC_DETACH = "exec_detach";

    private ContainerActions() {
    }
}

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
    public static final String COMMIT = "commit";

    private ContainerActions() {
    }
}

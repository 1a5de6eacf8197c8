package io.berth.container;

/**
 * The life of a container as container-service records it; each state knows which moves are legal, so the use
 * cases never decide that by hand (runc's explicit state machine).
 */
public enum ContainerState {
    CREATED("created"),
    RUNNING("running"),
    EXITED("exited");

    private final String dockerName;

    ContainerState(String dockerName) {
        this.dockerName = dockerName;
    }

    /** The word Docker uses in {@code State.Status} and in {@code docker ps}. */
    public String dockerName() {
        return dockerName;
    }

    public boolean isRunning() {
        return this == RUNNING;
    }

    /** A container starts from created or exited; starting a running one is Docker's 304. */
    public boolean canStart() {
        return this != RUNNING;
    }

    /** Only a running container can take a signal (Docker answers 409 otherwise). */
    public boolean canBeSignalled() {
        return this == RUNNING;
    }
}

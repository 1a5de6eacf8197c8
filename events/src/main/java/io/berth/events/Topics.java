package io.berth.events;

/**
 * Default Kafka topic names, one per resource kind; services read the real names from configuration.
 *
 * <p>Every topic is keyed by resource id so that one resource's events stay in order.
 */
public final class Topics {
    public static final String CONTAINERS = "berth.containers";
    public static final String IMAGES = "berth.images";
    public static final String VOLUMES = "berth.volumes";
    public static final String NETWORKS = "berth.networks";
    /** Worker heartbeats and runtime facts (exits, OOM kills, health results). */
    public static final String NODES = "berth.nodes";

    private Topics() {
    }
}

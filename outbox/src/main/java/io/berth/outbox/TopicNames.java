package io.berth.outbox;

import io.berth.events.EventKind;
import io.berth.events.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which Kafka topic each kind of event goes to; the defaults are the names in {@link Topics}. */
@ConfigMapping(prefix = "berth.topics")
public interface TopicNames {
    /** Topic for container events. */
    @WithDefault(Topics.CONTAINERS)
    String containers();

    /** Topic for image events. */
    @WithDefault(Topics.IMAGES)
    String images();

    /** Topic for volume events. */
    @WithDefault(Topics.VOLUMES)
    String volumes();

    /** Topic for network events. */
    @WithDefault(Topics.NETWORKS)
    String networks();

    /** Topic for worker heartbeats and runtime facts. */
    @WithDefault(Topics.NODES)
    String nodes();

    default String of(EventKind kind) {
        return switch (kind) {
            case CONTAINER -> containers();
            case IMAGE -> images();
            case VOLUME -> volumes();
            case NETWORK -> networks();
            case NODE -> nodes();
        };
    }
}

package io.berth.events;

/** The resource kinds that have a topic; the kind is the middle word of a CloudEvent type. */
public enum EventKind {
    CONTAINER("container", Topics.CONTAINERS),
    IMAGE("image", Topics.IMAGES),
    VOLUME("volume", Topics.VOLUMES),
    NETWORK("network", Topics.NETWORKS),
    NODE("node", Topics.NODES);

    private static final String TYPE_PREFIX = "io.berth.";

    private final String word;
    private final String defaultTopic;

    EventKind(String word, String defaultTopic) {
        this.word = word;
        this.defaultTopic = defaultTopic;
    }

    /** The kind as Docker's {@code Type} field spells it, e.g. {@code container}. */
    public String word() {
        return word;
    }

    public String defaultTopic() {
        return defaultTopic;
    }

    /** The CloudEvent type for an action of this kind: {@code io.berth.container.start}. */
    public String type(String action) {
        return TYPE_PREFIX + word + "." + action;
    }

    /** Splits a CloudEvent type back into kind and action; null when the type is not one of Berth's. */
    public static TypedAction parse(String type) {
        if (type == null || !type.startsWith(TYPE_PREFIX)) {
            return null;
        }
        String rest = type.substring(TYPE_PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String word = rest.substring(0, dot);
        for (EventKind kind : values()) {
            if (kind.word.equals(word)) {
                return new TypedAction(kind, rest.substring(dot + 1));
            }
        }
        return null;
    }

    /** A kind with one of its actions. */
    public record TypedAction(EventKind kind, String action) {
    }
}

package io.berth.events.image;

/** The image actions Berth publishes on {@code berth.images}, with Docker's own words. */
public final class ImageActions {
    public static final String PULL = "pull";
    public static final String PUSH = "push";
    public static final String TAG = "tag";
    public static final String UNTAG = "untag";
    public static final String DELETE = "delete";
    public static final String IMPORT = "import";
    public static final String LOAD = "load";
    public static final String SAVE = "save";

    private ImageActions() {
    }
}

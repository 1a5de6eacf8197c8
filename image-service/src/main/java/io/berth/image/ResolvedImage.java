package io.berth.image;

/**
 * An image as a container is made of it: the image, and the repository of Berth's registry through which a node
 * fetches its manifest and layers.
 */
public record ResolvedImage(Image image, String repository) {
}

package dev.jackal.core.oci;

/**
 * One image as stored in the layout.
 *
 * @param reference the reference as requested (its fully-qualified form names the {@code index.json} entry)
 * @param descriptor the {@code index.json} entry: the platform manifest, or the whole index when pulled by digest
 */
public record PulledImage(ImageReference reference, Descriptor descriptor) {}

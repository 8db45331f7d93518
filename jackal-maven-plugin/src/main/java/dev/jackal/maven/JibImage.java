package dev.jackal.maven;

import java.io.File;

/**
 * One entry of the package goal's {@code jibImages}: an image this reactor built with Jib's {@code jib:buildTar}
 * ({@code <container><format>OCI</format></container>}), named either by the module that built it
 * ({@code artifact}, {@code groupId:artifactId}) or by its tar ({@code path}). Plain fields: Maven's configurator
 * fills them from the POM.
 */
public class JibImage {

    /** {@code groupId:artifactId} of a module of this build that runs {@code jib:buildTar}. */
    String artifact;

    /** The OCI tar itself; relative to the package module's directory. */
    File path;

    /**
     * The file holding the image's manifest digest ({@code jib-image.digest}); relative to the package module's
     * directory. Default with {@code artifact}: the module's; with {@code path}: none (no check).
     */
    File digestFile;

    @Override
    public String toString() {
        return artifact != null ? artifact : String.valueOf(path);
    }
}

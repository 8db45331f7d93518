/**
 * Packages as OCI artifacts in a registry (spec §4): the artifact shape ({@link dev.jackal.core.remote.PackageArtifact}),
 * {@code oci://} references ({@link dev.jackal.core.remote.PackageUrl}), pushing a package directory as one manifest
 * per architecture under a shared index tag ({@link dev.jackal.core.remote.ArtifactPusher}), and reading one back,
 * whole or only the layers a command needs ({@link dev.jackal.core.remote.RemotePackage}). Built on the OCI client of
 * {@code dev.jackal.core.oci}; it never prints, progress goes to an {@link dev.jackal.core.event.EventHandler}.
 */
package dev.jackal.core.remote;

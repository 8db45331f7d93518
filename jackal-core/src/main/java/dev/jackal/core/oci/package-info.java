/**
 * A small OCI distribution client: raw bytes in, raw bytes out.
 *
 * <ul>
 *   <li>Values: {@link dev.jackal.core.oci.Digest}, {@link dev.jackal.core.oci.ImageReference},
 *       {@link dev.jackal.core.oci.Descriptor}, {@link dev.jackal.core.oci.ManifestContent} (a manifest's exact
 *       bytes), {@link dev.jackal.core.oci.MediaTypes}.
 *   <li>Stores: {@link dev.jackal.core.oci.OciStore}, implemented by {@link dev.jackal.core.oci.RegistryClient}
 *       (HTTP, Basic and Bearer auth, Docker config credentials, retries) and {@link dev.jackal.core.oci.OciLayout}
 *       (an OCI image layout on disk).
 *   <li>Operations: {@link dev.jackal.core.oci.ImageCopier} pulls many images into one layout (platform choice,
 *       cache, bounded parallel downloads); {@link dev.jackal.core.oci.OciCopy} copies one image between stores.
 *   <li>Failures are {@link dev.jackal.core.oci.OciException}s whose messages name the reference and the fix.
 * </ul>
 *
 * <p>Manifests and indexes are never re-serialised, so digests survive every copy. The package never prints;
 * progress goes to an {@link dev.jackal.core.oci.OciProgressListener}.
 */
package dev.jackal.core.oci;

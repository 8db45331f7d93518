/**
 * The package archive formats (spec §2.2–2.8): reproducible component tars ({@link
 * dev.jackal.core.archive.ReproducibleTar}), {@code checksums.txt} and the aggregate checksum ({@link
 * dev.jackal.core.archive.Checksums}), the outer {@code .tar.zst} ({@link
 * dev.jackal.core.archive.PackageArchiver}), extraction of untrusted archives ({@link
 * dev.jackal.core.archive.SafeExtractor}) and split packages ({@link
 * dev.jackal.core.archive.SplitArchive}). Everything streams; nothing here prints.
 */
package dev.jackal.core.archive;

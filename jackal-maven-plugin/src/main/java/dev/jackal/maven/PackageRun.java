package dev.jackal.maven;

import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateFingerprint;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.CreateResult;
import dev.jackal.core.create.ImageStep;
import dev.jackal.core.create.PackageCreator;
import dev.jackal.core.event.EventHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.logging.Log;

/**
 * One {@code jackal:package} run with its up-to-date check: the inputs are fingerprinted
 * ({@link CreateFingerprint}); when the record next to the output ({@link PackageRecord}) holds the same fingerprint
 * and the files are unchanged, nothing is built and the files are returned as they are. Otherwise the package is
 * created and the record rewritten. {@code force} skips the check.
 */
final class PackageRun {

    /** The package's files and the classifier they are attached with. */
    record Built(String classifier, List<Path> files, boolean upToDate) {}

    private final Log log;
    private final EventHandler events;
    private final SkeletonResolver skeletons;
    private final ImageStep images;

    PackageRun(Log log, EventHandler events, SkeletonResolver skeletons, ImageStep images) {
        this.log = log;
        this.events = events;
        this.skeletons = skeletons;
        this.images = images;
    }

    Built run(CreateOptions options, boolean force) {
        CreateFingerprint fingerprint = CreateFingerprint.of(options, skeletons);
        String classifier = classifier(fingerprint.architecture(), options.flavor());
        Path record = PackageRecord.path(options.outputDir(), classifier);
        boolean pinned = fingerprint.unpinned().isEmpty();
        if (force) {
            log.info("jackal: building (-D" + PropertyNames.FORCE + ")");
        } else if (pinned) {
            Optional<List<Path>> current = PackageRecord.upToDate(record, fingerprint.value());
            if (current.isPresent()) {
                log.info("jackal: " + current.get().get(0).getFileName() + " is up to date (-D" + PropertyNames.FORCE
                        + " rebuilds it)");
                return new Built(classifier, current.get(), true);
            }
        } else {
            List<String> why = fingerprint.unpinned();
            log.info("jackal: building; the package is never up to date while " + why.get(0)
                    + (why.size() > 1 ? " (and " + (why.size() - 1) + " more)" : ""));
        }
        CreateResult result = new PackageCreator(events, skeletons, images).create(options);
        PackageRecord.write(
                record,
                pinned ? fingerprint.value() : null,
                result.pkg().metadata().architecture(),
                options.flavor(),
                result.aggregateChecksum(),
                result.files());
        return new Built(classifier(result.pkg().metadata().architecture(), options.flavor()), result.files(), false);
    }

    static String classifier(String architecture, String flavor) {
        return architecture + (flavor == null || flavor.isEmpty() ? "" : "-" + flavor);
    }
}

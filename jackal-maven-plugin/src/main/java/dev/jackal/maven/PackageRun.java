package dev.jackal.maven;

import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateFingerprint;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.CreateResult;
import dev.jackal.core.create.ImageStep;
import dev.jackal.core.create.PackageCreator;
import dev.jackal.core.event.EventHandler;
import java.nio.file.Path;
import java.util.ArrayList;
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
        if (!force) {
            Optional<Built> unchanged = unchangedInputs(options);
            if (unchanged.isPresent()) {
                return unchanged.get();
            }
        }
        CreateFingerprint fingerprint = CreateFingerprint.of(options, skeletons);
        String classifier = classifier(fingerprint.architecture(), options.flavor());
        Path record = PackageRecord.path(options.outputDir(), classifier);
        boolean pinned = fingerprint.unpinned().isEmpty();
        if (force) {
            log.info("jackal: building (-D" + PropertyNames.FORCE + ")");
        } else if (pinned) {
            Optional<List<Path>> current = PackageRecord.upToDate(record, fingerprint.value());
            if (current.isPresent()) {
                log.debug("jackal: inputs touched but their content unchanged; the record's stamps are renewed");
                PackageRecord.restamp(record, fingerprint.stamps());
                upToDate(current.get());
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
                fingerprint.stamps(),
                result.pkg().metadata().architecture(),
                options.flavor(),
                result.aggregateChecksum(),
                result.files());
        return new Built(classifier(result.pkg().metadata().architecture(), options.flavor()), result.files(), false);
    }

    /**
     * The package of a record whose stamps show that no input changed since it was built: found without reading the
     * definition, so without knowing the architecture the definition would settle; the classifier is then the
     * execution's (an explicit architecture) or the one record of this output directory and flavor.
     */
    private Optional<Built> unchangedInputs(CreateOptions options) {
        List<Built> found = new ArrayList<>();
        for (Path record : PackageRecord.candidates(options.outputDir(), options.architecture(), options.flavor())) {
            PackageRecord.upToDateByStamps(record, options)
                    .ifPresent(files -> found.add(new Built(PackageRecord.classifier(record), files, true)));
        }
        if (found.size() != 1) {
            return Optional.empty(); // none, or (a definition edited back and forth) not one: the fingerprint decides
        }
        log.debug("jackal: no input changed since "
                + found.get(0).files().get(0).getFileName() + " was built (sizes and modification times)");
        upToDate(found.get(0).files());
        return Optional.of(found.get(0));
    }

    private void upToDate(List<Path> files) {
        log.info(
                "jackal: " + files.get(0).getFileName() + " is up to date (-D" + PropertyNames.FORCE + " rebuilds it)");
    }

    static String classifier(String architecture, String flavor) {
        return architecture + (flavor == null || flavor.isEmpty() ? "" : "-" + flavor);
    }
}

package dev.jackal.injector;

import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciCopy;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import java.nio.file.Path;

/** Builds a package-style OCI layout (entries named by full reference) from generated test images. */
final class SourceLayouts {

    private final Path work;
    private final OciLayout layout;
    private int count;

    SourceLayouts(Path work) {
        this(work, OciLayout.create(work.resolve("package-images")));
    }

    SourceLayouts(Path work, OciLayout layout) {
        this.work = work;
        this.layout = layout;
    }

    OciLayout layout() {
        return layout;
    }

    /** Generates {@code image} and adds it under {@code reference}; returns the generated image. */
    TestImage add(String reference, TestImages image) {
        TestImage generated = image.writeLayout(work.resolve("generated-" + count++));
        ImageReference from = ImageReference.parse("generated.invalid/image@" + generated.digest());
        ImageReference to = ImageReference.parse(reference);
        Descriptor top = OciCopy.copy(OciLayout.open(generated.layout()), from, layout, to);
        layout.addEntry(OciLayout.named(top, to));
        return generated;
    }
}

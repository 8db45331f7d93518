package dev.jackal.core.oci;

import java.util.List;

/** An index has no manifest for the wanted platform. */
public final class PlatformNotFoundException extends OciException {
    private static final long serialVersionUID = 1L;

    private final String reference;
    private final Platform wanted;
    private final List<Platform> available;

    public PlatformNotFoundException(String reference, Platform wanted, List<Platform> available) {
        super("image " + reference + " has no manifest for " + wanted + " (it has "
                + (available.isEmpty() ? "no platforms" : available) + "); choose another architecture"
                + " or reference one platform's manifest by digest");
        this.reference = reference;
        this.wanted = wanted;
        this.available = List.copyOf(available);
    }

    public String reference() {
        return reference;
    }

    public Platform wanted() {
        return wanted;
    }

    public List<Platform> available() {
        return available;
    }
}

package dev.jackal.deployer.console;

import dev.jackal.core.event.ProgressEvent;
import java.util.Locale;

/** Text for progress: a bar for terminals, a line for logs. */
final class Bars {

    private Bars() {}

    static String bar(ProgressEvent p, int width) {
        StringBuilder out = new StringBuilder("[");
        if (p.total() > 0) {
            int filled = (int) Math.min(width, p.done() * width / p.total());
            out.append("=".repeat(filled));
            if (filled < width) {
                out.append('>').append(" ".repeat(width - filled - 1));
            }
            out.append("] ").append(String.format(Locale.ROOT, "%3d%% ", p.done() * 100 / p.total()));
        } else {
            out.append("-".repeat(width)).append("] ");
        }
        return out.append(amount(p)).append(' ').append(p.task()).toString();
    }

    static String line(ProgressEvent p) {
        String percent = p.total() > 0 ? String.format(Locale.ROOT, " (%d%%)", p.done() * 100 / p.total()) : "";
        return (p.finished() ? "done " : "") + p.task() + ": " + amount(p) + percent;
    }

    private static String amount(ProgressEvent p) {
        if (!"bytes".equals(p.unit())) {
            return p.done() + (p.total() > 0 ? "/" + p.total() : "") + " " + p.unit();
        }
        return size(p.done()) + (p.total() > 0 ? "/" + size(p.total()) : "");
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}

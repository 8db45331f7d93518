package dev.jackal.core.action;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.LogEvent;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Replaces secret values in text that may reach the user, a log or an exception. */
public final class Redactor {

    /** What a secret is shown as. */
    public static final String SANITIZED = "**sanitized**";

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Redacts every non-empty value of {@code secrets}, longest first. */
    public static Redactor of(Collection<String> secrets) {
        return new Redactor(secrets.stream()
                .filter(s -> s != null && !s.isEmpty())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList());
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, SANITIZED);
        }
        return out;
    }

    /** {@code events} with every message redacted, for code that logs values it was handed. */
    public EventHandler events(EventHandler events) {
        if (secrets.isEmpty()) {
            return events;
        }
        return event ->
                events.handle(event instanceof LogEvent log ? new LogEvent(log.level(), redact(log.message())) : event);
    }
}

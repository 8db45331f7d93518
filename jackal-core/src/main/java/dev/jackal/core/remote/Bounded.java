package dev.jackal.core.remote;

import dev.jackal.core.net.BoundedTasks;
import java.util.List;
import java.util.function.Consumer;

/** {@link BoundedTasks} for the package transfers of this package. */
final class Bounded {

    private Bounded() {}

    static <T> void run(List<T> items, int concurrency, Consumer<T> task) {
        BoundedTasks.run(items, concurrency, "jackal-remote", task, e -> new IllegalStateException("interrupted", e));
    }
}

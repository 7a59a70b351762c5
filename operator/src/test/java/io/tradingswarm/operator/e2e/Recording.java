package io.tradingswarm.operator.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;

/**
 * Every state of some objects that a watch delivers, in order, starting with their state when the
 * watch opened: an invariant over a whole run (the stable slot never shrinks, a route takes no
 * intermediate weight) is checked on every state the API server had, not on samples.
 */
final class Recording<T extends HasMetadata> implements AutoCloseable {
    private final List<T> seen = new CopyOnWriteArrayList<>();
    private final Watch watch;
    private volatile WatcherException closedBy;

    Recording(Watchable<T> source) {
        watch = source.watch(new Watcher<T>() {
            @Override
            public void eventReceived(Action action, T resource) {
                if (action == Action.ADDED || action == Action.MODIFIED) {
                    seen.add(resource);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                closedBy = cause;
            }
        });
    }

    /** How many states were seen so far: a mark to read only the states that follow. */
    int mark() {
        return seen.size();
    }

    /** Every state of {@code name} seen since {@code mark}, oldest first. */
    List<T> since(int mark, String name) {
        if (closedBy != null) {
            throw new AssertionError("the watch recording " + name + " failed", closedBy);
        }
        List<T> states = new ArrayList<>();
        for (T t : seen.subList(mark, seen.size())) {
            if (t.getMetadata().getName().equals(name)) {
                states.add(t);
            }
        }
        return states;
    }

    /** Every state of {@code name} seen so far. */
    List<T> of(String name) {
        return since(0, name);
    }

    /** What {@code view} shows of each state of {@code name}, with repeats in a row collapsed into one. */
    <V> List<V> changes(String name, Function<T, V> view) {
        return collapse(of(name).stream().map(view).toList());
    }

    static <V> List<V> collapse(List<V> values) {
        List<V> changes = new ArrayList<>();
        for (V v : values) {
            if (changes.isEmpty() || !Objects.equals(changes.get(changes.size() - 1), v)) {
                changes.add(v);
            }
        }
        return changes;
    }

    @Override
    public void close() {
        watch.close();
    }
}

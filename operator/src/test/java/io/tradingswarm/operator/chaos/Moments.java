package io.tradingswarm.operator.chaos;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.tradingswarm.operator.api.SwarmRelease;

/**
 * Lands a kill at a {@link Moment}: the watch's own thread runs it the instant an update shows the
 * moment, so it falls between the operator's status save and what it does next.
 */
final class Moments implements ResourceEventHandler<SwarmRelease> {
    private record Waiter(Moment moment, Runnable action, CountDownLatch done) {
    }

    private final AtomicReference<Waiter> waiting = new AtomicReference<>();

    /** Runs {@code action} at the moment and returns true, or returns false after {@code timeout} without running it. */
    boolean runAt(Moment moment, Duration timeout, Runnable action) throws InterruptedException {
        Waiter w = new Waiter(moment, action, new CountDownLatch(1));
        waiting.set(w);
        if (w.done().await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        if (waiting.compareAndSet(w, null)) {
            return false;
        }
        w.done().await(); // the watch claimed it in between
        return true;
    }

    @Override
    public void onUpdate(SwarmRelease before, SwarmRelease after) {
        Waiter w = waiting.get();
        if (w != null && w.moment().isIn(before, after) && waiting.compareAndSet(w, null)) {
            w.action().run();
            w.done().countDown();
        }
    }

    @Override
    public void onAdd(SwarmRelease added) {
        onUpdate(null, added);
    }

    @Override
    public void onDelete(SwarmRelease deleted, boolean unknownFinalState) {
    }
}

package io.tradingswarm.operator.component;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds or a deadline passes, so tests wait for eventual state without fixed sleeps. */
final class Await {

    private static final Duration POLL = Duration.ofMillis(200);

    private Await() {
    }

    static <T> T until(String what, Duration deadline, Supplier<T> poll, Predicate<T> done) {
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        T last = poll.get();
        while (!done.test(last)) {
            if (System.nanoTime() > giveUpAt) {
                fail("not within " + deadline.toSeconds() + "s: " + what + "; last seen: " + last);
            }
            pause();
            last = poll.get();
        }
        return last;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}

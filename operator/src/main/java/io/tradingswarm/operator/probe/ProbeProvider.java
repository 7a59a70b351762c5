package io.tradingswarm.operator.probe;

import java.time.Duration;

/**
 * A source of measurements (Prometheus, HTTP, Job). Called off the reconcile thread; it may block
 * up to {@code timeout} but must return within it (a timeout is an {@link Measurement.Verdict#Error}),
 * must not throw for anything the backend does, and must never put a secret in a message.
 *
 * @param <T> the provider's part of the probe spec, with placeholders already filled in
 */
public interface ProbeProvider<T> {
    Measurement measure(T probe, ProbeTarget target, Duration timeout);
}

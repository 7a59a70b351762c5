package io.tradingswarm.operator.outbound;

import java.io.IOException;
import java.time.Duration;

/**
 * Why an outbound request did not get an answer, in a fixed phrase fit for status, events and logs:
 * never a URL, a response body or a peer's or library's own message, which may echo credentials.
 */
public final class OutboundException extends IOException {
    private final boolean refused;

    private OutboundException(String message, boolean refused) {
        super(message);
        this.refused = refused;
    }

    /** The request was not sent because its host or address is not allowed; trying again will not help. */
    public static OutboundException refused(String why) {
        return new OutboundException("host not allowed: " + why, true);
    }

    public static OutboundException failed(String why) {
        return new OutboundException(why, false);
    }

    public static OutboundException timedOut(Duration timeout) {
        return failed("timed out after " + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms"));
    }

    public boolean refused() {
        return refused;
    }
}

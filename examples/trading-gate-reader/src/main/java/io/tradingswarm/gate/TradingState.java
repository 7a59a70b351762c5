package io.tradingswarm.gate;

import java.util.Locale;

/** A bot slot's trading state, the value of {@code state=} in its gate file (docs/trading-gate.md). */
public enum TradingState {
    /** Trading: may send orders. */
    ACTIVE,
    /** Running on live market data, sending no orders. Also what every unreadable or unknown gate means. */
    SHADOW,
    /** Running, not trading, by order of the emergency stop (the {@code halt} action). */
    HALTED;

    /** Only {@link #ACTIVE} may send orders. */
    public boolean mayTrade() {
        return this == ACTIVE;
    }

    /** The value as the gate file writes it: {@code active}, {@code shadow} or {@code halted}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state a {@code state=} value names. Fails closed: {@code null}, empty, an unknown value or
     * another spelling (the operator writes lower case) is {@link #SHADOW}, never an exception.
     */
    public static TradingState fromText(String text) {
        if (text != null) {
            String value = text.strip();
            for (TradingState state : values()) {
                if (state.text().equals(value)) {
                    return state;
                }
            }
        }
        return SHADOW;
    }
}

package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a bot slot may do with orders; published in the trading gate (docs/trading-gate.md). */
public enum TradingState {
    /** Trading. */
    ACTIVE,
    /** Running on live market data, sending no orders. */
    SHADOW,
    /** Running, not trading, by order of the emergency halt. */
    HALTED;

    /** The word in the gate file, the pod label and status: active, shadow or halted. */
    @JsonValue
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

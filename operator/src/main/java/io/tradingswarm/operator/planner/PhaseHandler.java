package io.tradingswarm.operator.planner;

/**
 * Decides what one phase does in one tick: it sets the intents and may move the tick to another
 * phase, in which case the planner hands the tick on to that phase's handler. Never calls the API.
 */
interface PhaseHandler {
    void handle(Tick tick);
}

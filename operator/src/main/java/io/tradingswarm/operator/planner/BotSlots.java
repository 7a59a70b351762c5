package io.tradingswarm.operator.planner;

/** Both slots of one bot as observed. */
public record BotSlots(SlotState a, SlotState b) {
    public static final BotSlots NONE = new BotSlots(SlotState.ABSENT, SlotState.ABSENT);

    public SlotState get(Slot slot) {
        return slot == Slot.a ? a : b;
    }
}

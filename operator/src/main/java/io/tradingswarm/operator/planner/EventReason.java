package io.tradingswarm.operator.planner;

/** The reasons of the Kubernetes Events a release emits. */
public enum EventReason {
    Started, StepCompleted, Paused, Resumed, Promoted, Succeeded, RollingBack, RolledBack, Degraded, Superseded,
    Cancelled, InvalidSpec, ActionApplied, ActionIgnored, HookSucceeded, HookFailed, Switched,
    Halted, HaltLifted, DrainOverdue;

    public boolean warning() {
        return this == RollingBack || this == RolledBack || this == Degraded || this == InvalidSpec
                || this == ActionIgnored || this == HookFailed || this == Halted
                || this == DrainOverdue;
    }
}

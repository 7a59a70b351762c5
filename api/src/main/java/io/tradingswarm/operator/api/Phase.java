package io.tradingswarm.operator.api;

/** Where a release stands; see docs/user-guide.md for the life cycle. */
public enum Phase {
    Pending, Progressing, Paused, Promoting, Succeeded, RollingBack, RolledBack, Degraded, InvalidSpec;

    /** True while a run is moving (or waiting to move) traffic. */
    public boolean inFlight() {
        return this == Pending || this == Progressing || this == Paused || this == Promoting || this == RollingBack;
    }
}

package io.tradingswarm.operator.chaos;

import java.util.Objects;

import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/** When a kill lands, seen in a watch event of a release: the moments the issue names, and any. */
enum Moment {
    /** After a random 0.5-6 s. */
    RANDOM("at a random moment"),
    /** A run is rolling back (its Services may not be back on the stable slot yet). */
    ROLLING_BACK("while a run was RollingBack"),
    /** A blue-green run saved the switch; the Service writes come next. */
    BLUE_GREEN_SWITCH("at a blue-green switch (saved, Services next)"),
    /** Any status save: the decision's writes come next. */
    AFTER_STATUS_SAVE("right after a status save");

    /** BlueGreenHandler's step number of the switch. */
    static final int SWITCHED = 3;
    final String description;

    Moment(String description) {
        this.description = description;
    }

    /** Whether this update of a release (as the watch sent it) is the moment. */
    boolean isIn(SwarmRelease before, SwarmRelease after) {
        SwarmReleaseStatus was = before == null ? null : before.getStatus();
        SwarmReleaseStatus now = after.getStatus();
        if (now == null) {
            return false;
        }
        return switch (this) {
            case RANDOM -> false;
            case ROLLING_BACK -> now.phase == Phase.RollingBack;
            case BLUE_GREEN_SWITCH -> after.getSpec().strategy.blueGreen != null && now.phase == Phase.Progressing
                    && Objects.equals(now.currentStep, SWITCHED) && (was == null || !Objects.equals(was.currentStep, SWITCHED));
            case AFTER_STATUS_SAVE -> was != null && (was.phase != now.phase || !Objects.equals(was.currentStep, now.currentStep)
                    || !Objects.equals(was.weight, now.weight));
        };
    }
}

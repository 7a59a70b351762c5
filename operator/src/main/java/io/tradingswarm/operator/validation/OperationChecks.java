package io.tradingswarm.operator.validation;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tradingswarm.operator.api.Hook;
import io.tradingswarm.operator.api.SwarmReleaseSpec;

/** What only the operator can check in hooks and the release window. */
final class OperationChecks {
    private OperationChecks() {
    }

    static void validate(List<String> errors, SwarmReleaseSpec spec) {
        if (spec.window != null) {
            try {
                ZoneId.of(spec.window.timeZone);
            } catch (DateTimeException e) {
                errors.add("spec.window.timeZone: unknown time zone '" + spec.window.timeZone + "' (use an IANA name such as Europe/London)");
            }
        }
        if (spec.hooks != null) {
            uniqueNames(errors, "spec.hooks.preRollout", spec.hooks.preRollout);
            uniqueNames(errors, "spec.hooks.postRollout", spec.hooks.postRollout);
            uniqueNames(errors, "spec.hooks.onRollback", spec.hooks.onRollback);
        }
    }

    private static void uniqueNames(List<String> errors, String field, List<Hook> hooks) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; hooks != null && i < hooks.size(); i++) {
            if (!seen.add(hooks.get(i).name)) {
                errors.add(field + "[" + i + "].name: '" + hooks.get(i).name + "' is used twice");
            }
        }
    }
}

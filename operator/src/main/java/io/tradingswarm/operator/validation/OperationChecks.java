package io.tradingswarm.operator.validation;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tradingswarm.operator.api.DeniedPeriod;
import io.tradingswarm.operator.api.Hook;
import io.tradingswarm.operator.api.LocalDateTimes;
import io.tradingswarm.operator.api.ReleaseWindow;
import io.tradingswarm.operator.api.SwarmReleaseSpec;

/** What only the operator can check in hooks and the release window. */
final class OperationChecks {
    private OperationChecks() {
    }

    static void validate(List<String> errors, SwarmReleaseSpec spec) {
        if (spec.window != null) {
            window(errors, spec.window);
        }
        if (spec.hooks != null) {
            uniqueNames(errors, "spec.hooks.preRollout", spec.hooks.preRollout);
            uniqueNames(errors, "spec.hooks.postRollout", spec.hooks.postRollout);
            uniqueNames(errors, "spec.hooks.onRollback", spec.hooks.onRollback);
        }
    }

    private static void window(List<String> errors, ReleaseWindow w) {
        try {
            ZoneId.of(w.timeZone);
        } catch (DateTimeException | NullPointerException e) {
            errors.add("spec.window.timeZone: unknown time zone '" + w.timeZone + "' (use an IANA name such as Europe/London)");
        }
        if (w.allow == null && w.deny == null) {
            errors.add("spec.window: set allow, deny or both");
        }
        for (int i = 0; w.deny != null && i < w.deny.size(); i++) {
            DeniedPeriod p = w.deny.get(i);
            String field = "spec.window.deny[" + i + "]";
            LocalDateTime start = localDateTime(errors, field + ".start", p.start);
            LocalDateTime end = localDateTime(errors, field + ".end", p.end);
            if (start != null && end != null && !end.isAfter(start)) {
                errors.add(field + ".end: must be after start (" + p.start + ")");
            }
            if (p.reason == null || p.reason.isBlank()) {
                errors.add(field + ".reason: required (why the freeze holds, e.g. \"Christmas: NYSE closed\")");
            }
        }
    }

    private static LocalDateTime localDateTime(List<String> errors, String field, String text) {
        try {
            return LocalDateTimes.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(field + ": " + e.getMessage());
            return null;
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

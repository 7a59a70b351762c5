package io.tradingswarm.operator.probe;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {{name}} placeholders of probe strings: which exist, and filling them in. */
public final class Placeholders {
    /** The versions that stopped trading, in the drain probe only (spec.trading.drainProbe). */
    public static final String DRAINING_VERSION = "drainingVersion";
    public static final Set<String> KNOWN = Set.of("version", "stableVersion", "bot", "namespace", "slot", "stableSlot",
            "release", DRAINING_VERSION);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

    private Placeholders() {
    }

    public static Set<String> unknown(String text) {
        Set<String> unknown = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                if (!KNOWN.contains(m.group(1))) {
                    unknown.add(m.group(1));
                }
            }
        }
        return unknown;
    }

    public static boolean uses(String text, String name) {
        return text != null && PLACEHOLDER.matcher(text).results().anyMatch(r -> r.group(1).equals(name));
    }

    public static String fill(String text, Map<String, String> values) {
        if (text == null) {
            return null;
        }
        return PLACEHOLDER.matcher(text).replaceAll(r -> Matcher.quoteReplacement(values.getOrDefault(r.group(1), "")));
    }
}

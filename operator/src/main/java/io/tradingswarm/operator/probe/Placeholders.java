package io.tradingswarm.operator.probe;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {{name}} placeholders of probe strings: which exist, and filling them in. */
public final class Placeholders {
    public static final Set<String> KNOWN = Set.of("version", "stableVersion", "bot", "namespace", "slot", "stableSlot",
            "release");
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

    public static boolean usesBot(String text) {
        return text != null && PLACEHOLDER.matcher(text).results().anyMatch(r -> r.group(1).equals("bot"));
    }

    public static String fill(String text, Map<String, String> values) {
        if (text == null) {
            return null;
        }
        return PLACEHOLDER.matcher(text).replaceAll(r -> Matcher.quoteReplacement(values.getOrDefault(r.group(1), "")));
    }
}

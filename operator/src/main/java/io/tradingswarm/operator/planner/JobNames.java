package io.tradingswarm.operator.planner;

/** Names of the Jobs the operator creates: a readable prefix cut to fit 63 characters with its suffix. */
public final class JobNames {
    static final int MAX = 63;

    private JobNames() {
    }

    /** Eight hex characters of a SHA-256: short, and stable across restarts. */
    public static String hash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String fit(String prefix, String suffix) {
        String cut = prefix.substring(0, Math.min(prefix.length(), MAX - suffix.length()));
        return cut.replaceAll("-+$", "") + suffix;
    }
}

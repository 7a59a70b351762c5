package io.tradingswarm.cli.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Who may talk to the dashboard. It listens on 127.0.0.1 only, and acts with the user's own
 * credentials, so the one thing to keep out is another web page in the same browser:
 * <ul>
 * <li>every request must name {@code 127.0.0.1:PORT} as its Host: a page on a rebound DNS name
 * (DNS rebinding) sends its own name and is refused, GETs included, so it reads nothing;</li>
 * <li>a state-changing request must be a POST whose Origin is {@code http://127.0.0.1:PORT} and
 * which carries this process's random token (embedded in the pages it serves, which no other
 * origin can read), so a cross-site form or fetch cannot drive it (CSRF).</li>
 * </ul>
 */
final class RequestGuard {
    static final String TOKEN_HEADER = "X-Swarm-Token";

    private final String host;
    private final String origin;
    private final String token;

    RequestGuard(int port) {
        this(port, newToken());
    }

    RequestGuard(int port, String token) {
        this.host = "127.0.0.1:" + port;
        this.origin = "http://" + host;
        this.token = token;
    }

    String token() {
        return token;
    }

    String origin() {
        return origin;
    }

    /** Null when a read may go ahead, else why it is refused. */
    String refuseRead(String hostHeader) {
        if (!host.equals(hostHeader)) {
            return "Host must be " + host + " (got " + (hostHeader == null ? "none" : hostHeader) + ")";
        }
        return null;
    }

    /** Null when a state-changing request may go ahead, else why it is refused. */
    String refuseWrite(String method, String hostHeader, String originHeader, String tokenHeader) {
        String read = refuseRead(hostHeader);
        if (read != null) {
            return read;
        }
        if (!"POST".equals(method)) {
            return "actions are POST requests";
        }
        if (!origin.equals(originHeader)) {
            return "Origin must be " + origin + " (got " + (originHeader == null ? "none" : originHeader) + ")";
        }
        if (tokenHeader == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                tokenHeader.getBytes(StandardCharsets.UTF_8))) {
            return "missing or wrong " + TOKEN_HEADER + " (reload the page: each dashboard process has its own token)";
        }
        return null;
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

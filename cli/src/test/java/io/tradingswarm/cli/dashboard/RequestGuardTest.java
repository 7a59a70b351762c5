package io.tradingswarm.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RequestGuardTest {
    final RequestGuard guard = new RequestGuard(3100, "s3cret");

    @Test
    void readsNeedTheLoopbackHostAndPort() {
        assertNull(guard.refuseRead("127.0.0.1:3100"));
        // DNS rebinding: the attacker's name resolves to 127.0.0.1, but the browser sends that name.
        assertTrue(guard.refuseRead("attacker.example:3100").startsWith("Host must be 127.0.0.1:3100"));
        assertTrue(guard.refuseRead("localhost:3100") != null, "only the printed address");
        assertTrue(guard.refuseRead("127.0.0.1:3101") != null);
        assertTrue(guard.refuseRead(null) != null);
    }

    @Test
    void writesArePostsFromThePageWithItsToken() {
        assertNull(guard.refuseWrite("POST", "127.0.0.1:3100", "http://127.0.0.1:3100", "s3cret"));
        assertEquals("actions are POST requests", guard.refuseWrite("GET", "127.0.0.1:3100", "http://127.0.0.1:3100", "s3cret"));
        assertTrue(guard.refuseWrite("POST", "127.0.0.1:3100", "http://evil.example", "s3cret").startsWith("Origin must be"));
        assertTrue(guard.refuseWrite("POST", "127.0.0.1:3100", null, "s3cret").startsWith("Origin must be"),
                "a request without Origin is not from the page");
        assertTrue(guard.refuseWrite("POST", "127.0.0.1:3100", "http://127.0.0.1:3100", null).contains("token"));
        assertTrue(guard.refuseWrite("POST", "127.0.0.1:3100", "http://127.0.0.1:3100", "s3cre").contains("token"));
        assertTrue(guard.refuseWrite("POST", "evil.example", "http://127.0.0.1:3100", "s3cret").startsWith("Host"));
    }

    @Test
    void eachProcessHasItsOwnLongRandomToken() {
        String a = new RequestGuard(1).token();
        String b = new RequestGuard(1).token();
        assertNotEquals(a, b);
        assertTrue(a.length() >= 43, a);
    }
}

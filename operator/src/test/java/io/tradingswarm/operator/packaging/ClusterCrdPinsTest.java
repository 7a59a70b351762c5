package io.tradingswarm.operator.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The third-party CRD versions the docs name are the ones pinned in hack/cluster/lib.sh
 * (hack/cluster/crds.sh checks the cached files against the pins each time it runs).
 */
@Tag("packaging")
class ClusterCrdPinsTest {

    @Test
    void theDocsNameTheCrdVersionsPinnedInLibSh() throws IOException {
        String lib = Files.readString(Path.of("hack", "cluster", "lib.sh"));
        String gateway = DockerfileTest.find(lib, "(?m)^GATEWAY_API_VERSION=\"(v[0-9]+\\.[0-9]+\\.[0-9]+)\"");
        String istio = DockerfileTest.find(lib, "(?m)^ISTIO_API_VERSION=\"(v[0-9]+\\.[0-9]+\\.[0-9]+)\"");
        String development = Files.readString(Path.of("docs", "development.md"));
        String readme = Files.readString(Path.of("README.md"));

        assertTrue(development.contains("| " + gateway + " | `sigs.k8s.io/gateway-api`"), "docs/development.md: Gateway API " + gateway);
        assertTrue(development.contains("| " + istio + " | `istio.io/api`"), "docs/development.md: Istio " + istio);
        assertTrue(readme.contains("Gateway API (" + gateway + ",") && readme.contains("Istio (" + istio + ")"),
                "README.md: Gateway API " + gateway + ", Istio " + istio);
        // and no other version of them anywhere in the two files
        for (String doc : new String[] {development, readme}) {
            everyVersionIs(doc, "(?:Gateway API|gateway-api)\\W{0,5}(v[0-9]+\\.[0-9]+\\.[0-9]+)", gateway);
            everyVersionIs(doc, "(?:Istio|istio\\.io/api)\\W{0,5}(v[0-9]+\\.[0-9]+\\.[0-9]+)", istio);
        }
    }

    static void everyVersionIs(String text, String regex, String pinned) {
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            assertEquals(pinned, m.group(1), "pinned in hack/cluster/lib.sh, but the docs say: " + m.group());
        }
    }
}

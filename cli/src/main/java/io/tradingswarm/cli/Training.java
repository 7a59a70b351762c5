package io.tradingswarm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import picocli.CommandLine;

/**
 * The install-time training run for the class-data archive (AppCDS on JDK 17, the AOT cache on
 * JDK 25): the commands a user runs, in this JVM, against a local HTTPS server that answers as
 * an apiserver would (recorded responses in /training), so the archive holds the classes of the
 * kubeconfig, TLS, HTTP, JSON and rendering paths without needing a cluster at install time.
 *
 * <p>{@code kubectl-swarm __train DIR}: DIR holds {@code train.p12} (an RSA key pair with a
 * self-signed certificate for 127.0.0.1, password {@code training}; hack/install-cli.sh makes it
 * with keytool) and {@code ca.crt}, its certificate in PEM.
 */
final class Training {
    static final String NAME = "__train";
    private static final char[] PASSWORD = "training".toCharArray();

    private Training() {
    }

    static int run(List<String> args) throws Exception {
        Path dir = Path.of(args.get(0));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("train.p12"))) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", Training::answer);
        server.start();
        try {
            // The user's client key and certificate, as a kubeconfig names them (PEM files).
            PrivateKey key = (PrivateKey) keys.getKey("train", PASSWORD);
            Files.writeString(dir.resolve("client.key"), "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            Path kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    current-context: train
                    contexts:
                    - name: train
                      context: {cluster: train, user: train, namespace: train}
                    clusters:
                    - name: train
                      cluster: {server: "https://127.0.0.1:%d", certificate-authority: "%s"}
                    users:
                    - name: train
                      user: {token: training, client-certificate: "%s", client-key: "%s"}
                    """.formatted(server.getAddress().getPort(), dir.resolve("ca.crt"), dir.resolve("ca.crt"),
                    dir.resolve("client.key")));
            String k = kubeconfig.toString();
            int failures = 0;
            for (String[] line : List.of(
                    new String[] {"get", "trading-swarm", "--kubeconfig", k},
                    new String[] {"list", "--kubeconfig", k},
                    new String[] {"list", "-A", "--kubeconfig", k},
                    new String[] {"history", "trading-swarm", "-n", "train", "--kubeconfig", k},
                    new String[] {"promote", "trading-swarm", "--wait=0", "--kubeconfig", k},
                    new String[] {"pause", "trading-swarm", "--kubeconfig", k},
                    new String[] {"get", "missing", "--kubeconfig", k},
                    new String[] {"get"},
                    new String[] {"--help"},
                    new String[] {"completion", "bash"},
                    new String[] {"__complete", "get", "--kubeconfig", k, "tr"})) {
                Prefetch.start(line);
                CommandLine cmd = KubectlSwarm.commandLine();
                cmd.setOut(new PrintWriter(Writer.nullWriter()));
                cmd.setErr(new PrintWriter(Writer.nullWriter()));
                int code = KubectlSwarm.execute(cmd, line);
                boolean expectedFailure = line[0].equals("get") && (line.length == 1 || line[1].equals("missing"));
                if ((code != 0) != expectedFailure) {
                    System.err.println("training: kubectl-swarm " + String.join(" ", line) + " exited " + code);
                    failures++;
                }
            }
            return failures == 0 ? 0 : 1;
        } finally {
            server.stop(0);
        }
    }

    /** The apiserver's answers, recorded from the local cluster. */
    private static void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        String file = null;
        if (path.endsWith("/swarmreleases/trading-swarm") && (method.equals("GET") || method.equals("PATCH"))) {
            file = "release.json";
        } else if (path.endsWith("/swarmreleases") && method.equals("GET")) {
            file = "releases.json";
        } else if (path.endsWith("/deployments") && method.equals("GET")) {
            file = "deployments.json";
        }
        byte[] body;
        int code = 200;
        if (file == null) {
            code = 404;
            body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"not found\",\"reason\":\"NotFound\",\"code\":404}"
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            try (InputStream in = Training.class.getResourceAsStream("/training/" + file)) {
                body = in.readAllBytes();
            }
        }
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}

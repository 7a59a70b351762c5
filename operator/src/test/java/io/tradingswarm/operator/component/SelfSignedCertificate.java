package io.tradingswarm.operator.component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import io.tradingswarm.operator.testing.Command;

/** A key and self-signed certificate for one made-up host name, made by the JDK's keytool. */
final class SelfSignedCertificate {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private final KeyStore keys;

    private SelfSignedCertificate(KeyStore keys) {
        this.keys = keys;
    }

    static SelfSignedCertificate forHost(String name) {
        try {
            Path file = Files.createTempDirectory("tls").resolve("keys.p12");
            Command.Result made = Command.run(null, List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + name, "-ext", "SAN=dns:" + name, "-validity", "2",
                    "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
            if (!made.ok()) {
                throw new IllegalStateException("keytool failed: " + made.output());
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                keys.load(in, PASSWORD);
            }
            return new SelfSignedCertificate(keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a server presents. */
    SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }

    /** A client that trusts this certificate and nothing else. */
    SSLSocketFactory trustingClient() throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}

package io.tradingswarm.operator.apiserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;

/**
 * A real kube-apiserver and etcd (fabric8 kube-api-test, offline) from the binaries the local
 * cluster build lays out: {@code make api} passes their directory as KUBE_API_TEST_DIR.
 */
final class ApiServer implements AutoCloseable {
    static final String VERSION = "1.33.13";
    final KubeAPIServer server;
    final Path kubeconfig;
    final Path kubectl;

    ApiServer() throws IOException {
        String dir = System.getenv("KUBE_API_TEST_DIR");
        if (dir == null) {
            throw new IllegalStateException("KUBE_API_TEST_DIR is not set: run the API tests with `make api` (it builds "
                    + "and lays out the binaries with hack/cluster/kube-api-test-dir.sh)");
        }
        Path binaries = Path.of(dir, "k8s", VERSION + "-linux-amd64");
        Path loopbackDir = loopbackOnly(binaries);
        server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig().withOfflineMode(true)
                .withTestDir(loopbackDir.toString())
                .withApiServerVersion(VERSION).withUpdateKubeConfig(false).withApiServerFlag("--bind-address", "127.0.0.1")
                .build());
        server.start();
        kubeconfig = Files.createTempFile("kube-api-test", ".kubeconfig");
        Files.writeString(kubeconfig, server.getKubeConfigYaml());
        kubectl = binaries.resolve("kubectl");
    }

    /**
     * kube-api-test starts etcd on 0.0.0.0; nothing of ours may listen beyond loopback. A private
     * copy of the binary directory puts a wrapper in etcd's place that rewrites the addresses.
     */
    private static Path loopbackOnly(Path binaries) throws IOException {
        Path dir = Path.of("target", "kube-api-test").toAbsolutePath();
        Path versioned = dir.resolve("k8s").resolve(VERSION + "-linux-amd64");
        Files.createDirectories(versioned);
        for (String name : new String[] {"kube-apiserver", "kubectl"}) {
            Files.deleteIfExists(versioned.resolve(name));
            Files.createSymbolicLink(versioned.resolve(name), binaries.resolve(name).toRealPath());
        }
        Path etcd = versioned.resolve("etcd");
        Files.deleteIfExists(etcd);
        Files.writeString(etcd, "#!/usr/bin/env bash\nexec " + binaries.resolve("etcd").toRealPath()
                + " \"${@//0.0.0.0/127.0.0.1}\"\n");
        etcd.toFile().setExecutable(true);
        return dir;
    }

    @Override
    public void close() throws IOException {
        server.stop();
        Files.deleteIfExists(kubeconfig);
    }
}

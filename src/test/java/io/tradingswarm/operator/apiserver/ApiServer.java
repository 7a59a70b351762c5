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
        server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig().withOfflineMode(true).withTestDir(dir)
                .withApiServerVersion(VERSION).withUpdateKubeConfig(false).withApiServerFlag("bind-address", "127.0.0.1")
                .build());
        server.start();
        kubeconfig = Files.createTempFile("kube-api-test", ".kubeconfig");
        Files.writeString(kubeconfig, server.getKubeConfigYaml());
        kubectl = Path.of(dir, "k8s", VERSION + "-linux-amd64", "kubectl");
    }

    @Override
    public void close() throws IOException {
        server.stop();
        Files.deleteIfExists(kubeconfig);
    }
}

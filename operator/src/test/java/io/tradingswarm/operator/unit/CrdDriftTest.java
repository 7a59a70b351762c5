package io.tradingswarm.operator.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.tradingswarm.operator.api.SwarmRelease;

/**
 * The committed CRD is what users install: it must be exactly what the Java types generate.
 * {@code make crds} (this test with -Dcrd.update=true) rewrites it.
 */
@Tag("unit")
class CrdDriftTest {
    static final Path COMMITTED = Path.of("deploy/crds/swarmreleases.tradingswarm.io.yaml");

    @Test
    void committedCrdMatchesTheJavaTypes(@TempDir File out) throws IOException {
        new CRDGenerator().customResourceClasses(SwarmRelease.class).forCRDVersions("v1")
                .withPostProcessor(new DeclaredColumnOrder()).inOutputDir(out).generate();
        String generated = Files.readString(out.toPath().resolve("swarmreleases.tradingswarm.io-v1.yml"));
        if (Boolean.getBoolean("crd.update")) {
            Files.writeString(COMMITTED, generated);
        }
        assertEquals(generated, Files.readString(COMMITTED),
                "deploy/crds is out of date with the Java types: run `make crds` and commit the result");
    }

    @Test
    void theCrdFitsAClientSideKubectlApply() throws IOException {
        assertTrue(Files.size(COMMITTED) < 262144,
                "kubectl apply stores the whole object in an annotation limited to 256 KiB; keep the schema smaller");
    }

    /** The generator sorts printer columns by name; kubectl should show them in the order the class declares. */
    static final class DeclaredColumnOrder implements CRDPostProcessor {
        @Override
        public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
            List<String> declared = Arrays.stream(SwarmRelease.class.getAnnotationsByType(AdditionalPrinterColumn.class))
                    .map(AdditionalPrinterColumn::name).toList();
            ((CustomResourceDefinition) crd).getSpec().getVersions().forEach(v -> v.getAdditionalPrinterColumns()
                    .sort(Comparator.comparing((CustomResourceColumnDefinition c) -> declared.indexOf(c.getName()))));
            return crd;
        }
    }
}

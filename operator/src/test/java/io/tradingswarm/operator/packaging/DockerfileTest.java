package io.tradingswarm.operator.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile's build stage runs exactly what `make build` runs, and its base images are build
 * arguments (make image-test builds and runs the image itself, with buildah and podman).
 */
@Tag("packaging")
class DockerfileTest {
    static final Path DOCKERFILE = Path.of("Dockerfile");

    @Test
    void theBuildStageRunsTheCommandOfMakeBuild() throws IOException {
        String makefile = Files.readString(Path.of("Makefile"));
        String mvn = find(makefile, "(?m)^MVN := (.+)$");
        String build = find(makefile, "(?m)^build:.*\\n\\t\\$\\(MVN\\) (.+)$");
        String dockerfile = Files.readString(DOCKERFILE);
        assertTrue(dockerfile.contains("\nRUN " + mvn + " " + build + "\n"),
                "the Dockerfile must RUN `" + mvn + " " + build + "`, as `make build` does");
    }

    @Test
    void theImageRunsTheFastJarAsANonRootUserWithAHealthCheck() throws IOException {
        String runtime = Files.readString(DOCKERFILE).split("(?m)^FROM ")[2];
        assertTrue(runtime.contains("\nUSER 185\n"), runtime);
        assertTrue(runtime.contains("/deployments/quarkus-run.jar") && runtime.contains("operator/target/quarkus-app/lib/"), runtime);
        assertTrue(runtime.contains("HEALTHCHECK") && runtime.contains("/q/health/live"), runtime);
        assertTrue(runtime.contains("QUARKUS_HTTP_HOST=0.0.0.0"), "the container must listen beyond loopback");
    }

    /** Maven reads every module the root POM lists, even with -pl: the build stage needs each one's POM. */
    @Test
    void theBuildStageCopiesThePomOfEveryModule() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(Path.of("pom.xml")));
        int count = 0;
        while (modules.find()) {
            String module = modules.group(1).strip();
            count++;
            assertTrue(dockerfile.contains("\nCOPY " + module + " ./" + module + "\n")
                            || dockerfile.contains("\nCOPY " + module + "/pom.xml ./" + module + "/\n"),
                    "the build stage must COPY " + module + "/pom.xml: Maven fails on a missing module");
        }
        assertTrue(count > 0, "no <module> in pom.xml");
    }

    /** One recipe: `docker build .` gets the usual registry bases, `make image` passes Debian-made ones. */
    @Test
    void theBaseImagesAreBuildArgumentsDefaultingToEclipseTemurin() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        assertTrue(dockerfile.contains("\nARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17\n"), dockerfile);
        assertTrue(dockerfile.contains("\nARG RUNTIME_IMAGE=eclipse-temurin:17-jre\n"), dockerfile);
        assertTrue(dockerfile.contains("\nFROM ${BUILD_IMAGE} AS build\n"), dockerfile);
        assertTrue(dockerfile.contains("\nFROM ${RUNTIME_IMAGE}\n"), dockerfile);
        String image = Files.readString(Path.of("hack", "image.sh"));
        assertTrue(image.contains("--build-arg \"BUILD_IMAGE=") && image.contains("--build-arg \"RUNTIME_IMAGE="),
                "make image passes both base images: " + image);
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex);
        return m.group(1).strip();
    }
}

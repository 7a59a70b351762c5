# swarm-operator image: the Maven build of `make build`, then the Quarkus fast-jar on a slim JRE.
# docker build -t tradingswarm/swarm-operator:0.1.0 .
#
# The base images are build arguments. The defaults are the usual registry images; `make image`
# builds the same recipe offline with buildah, passing base images made from Debian packages
# (hack/image-base.sh: a JDK 17 + Maven builder, a JRE 17 runtime).
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# The POMs and the small api module first, so the dependency layer is cached until they change.
COPY pom.xml mvnw ./
COPY api ./api
COPY operator/pom.xml ./operator/
COPY cli/pom.xml ./cli/
# Every module the root POM lists needs its POM here, even with -pl: Maven reads them all first.
COPY examples/trading-gate-reader/pom.xml ./examples/trading-gate-reader/
RUN ./mvnw -B --no-transfer-progress -pl api -am install -DskipTests \
 && ./mvnw -B --no-transfer-progress -pl operator dependency:go-offline
COPY operator/src ./operator/src
# The same command as `make build` (Makefile: $(MVN) package -DskipTests -pl operator -am).
RUN ./mvnw -B --no-transfer-progress package -DskipTests -pl operator -am

FROM ${RUNTIME_IMAGE}
# JVM flags measured with make bench-scale (docs/performance.md): C1 only (the JIT was a third of the
# CPU and the operator waits on the API server, not on its own code), a heap that gives memory
# back after a burst, and glibc's malloc told every 5 s to return what it freed (10 MiB less at the
# peaks). The Serial GC is what the JVM picks in a 512Mi container anyway.
ENV LANGUAGE='en_US:en' \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080 \
    JAVA_OPTS_APPEND="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=5000"
# 185 is the uid Quarkus images use; the chart's securityContext runs as it too. (Not named
# "operator": Debian and Ubuntu bases already have a system group of that name.)
RUN groupadd --system --gid 185 swarm && useradd --system --uid 185 --gid 185 --no-create-home swarm
WORKDIR /deployments
# The fast-jar layout, library layers first (they change least).
COPY --from=build --chown=185:185 /src/operator/target/quarkus-app/lib/ ./lib/
COPY --from=build --chown=185:185 /src/operator/target/quarkus-app/*.jar ./
COPY --from=build --chown=185:185 /src/operator/target/quarkus-app/app/ ./app/
COPY --from=build --chown=185:185 /src/operator/target/quarkus-app/quarkus/ ./quarkus/
USER 185
EXPOSE 8080
# No curl in the JRE image: bash's /dev/tcp asks the liveness endpoint, on the port the operator uses.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${QUARKUS_HTTP_PORT:-8080} && printf 'GET /q/health/live HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar"]

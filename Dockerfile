# swarm-operator image: the Maven build of `make build`, then the Quarkus fast-jar on a slim JRE.
# docker build -t tradingswarm/swarm-operator:0.1.0 .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The POM first, so the dependency layer is cached until pom.xml changes.
COPY pom.xml mvnw ./
RUN ./mvnw -B --no-transfer-progress dependency:go-offline
COPY src ./src
# The same command as `make build` (Makefile: $(MVN) package -DskipTests).
RUN ./mvnw -B --no-transfer-progress package -DskipTests

FROM eclipse-temurin:17-jre
ENV LANGUAGE='en_US:en' \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080 \
    JAVA_OPTS_APPEND="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# 185 is the uid Quarkus images use; the chart's securityContext runs as it too.
RUN groupadd --system --gid 185 operator && useradd --system --uid 185 --gid 185 --no-create-home operator
WORKDIR /deployments
# The fast-jar layout, library layers first (they change least).
COPY --from=build --chown=185:185 /src/target/quarkus-app/lib/ ./lib/
COPY --from=build --chown=185:185 /src/target/quarkus-app/*.jar ./
COPY --from=build --chown=185:185 /src/target/quarkus-app/app/ ./app/
COPY --from=build --chown=185:185 /src/target/quarkus-app/quarkus/ ./quarkus/
USER 185
EXPOSE 8080
# No curl in the JRE image: bash's /dev/tcp asks the liveness endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /q/health/live HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar"]

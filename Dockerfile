# syntax=docker/dockerfile:1
# Hemowatch: multi-stage build. The build stage runs the same build as README.md; the runtime
# stage is a plain JRE with the fat jar, running as an unprivileged user.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# dependencies first, so a source change does not download them again
COPY pom.xml .
RUN mvn -B -q dependency:go-offline -DexcludeReactor=true || true
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# curl only for the HEALTHCHECK (recent Temurin images no longer ship it)
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system hemowatch \
 && useradd --system --gid hemowatch --groups dialout --home-dir /var/lib/hemowatch --shell /usr/sbin/nologin hemowatch \
 && mkdir -p /var/lib/hemowatch/data /etc/hemowatch \
 && chown -R hemowatch:hemowatch /var/lib/hemowatch
COPY --from=build /src/target/hemowatch.jar /opt/hemowatch/hemowatch.jar

# ./hemowatch.yaml (optional) and ./data are relative to the working directory
WORKDIR /var/lib/hemowatch
ENV HEMOWATCH_DATA_DIR=/var/lib/hemowatch/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/var/lib/hemowatch/data"]
USER hemowatch
# 8080: HTTP API, /metrics, /health; 1883: embedded MQTT endpoint (when enabled)
EXPOSE 8080 1883

HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1

ENTRYPOINT ["java", "-jar", "/opt/hemowatch/hemowatch.jar"]

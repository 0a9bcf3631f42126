# Kafka Connect worker with the Debezium PostgreSQL connector and the Apicurio Avro converter,
# at the versions platform/pom.xml pins for the local platform (Kafka, Debezium, converter), plus
# the MSK IAM login module. Context: the repository root.
FROM public.ecr.aws/docker/library/maven:3.9.9-eclipse-temurin-21 AS fetch
WORKDIR /src
COPY platform platform
COPY deploy/docker/connect-extras connect-extras
# The same Maven modules `bellyfed local up` runs, into a fixed directory.
RUN mvn -B -q -f platform/pom.xml package -Dbellyfed.platform.dir=/opt/platform \
 && mvn -B -q -f connect-extras/pom.xml package -Dbellyfed.platform.dir=/opt/platform \
 && mkdir -p /opt/connect \
 && mv /opt/platform/kafka-*/libs /opt/connect/libs \
 && mv /opt/platform/connect-plugins /opt/connect/plugins \
 && cp -n /opt/platform/msk-iam-libs/*.jar /opt/connect/libs/ \
 && ls /opt/connect/libs/aws-msk-iam-auth-*.jar /opt/connect/plugins

FROM public.ecr.aws/docker/library/eclipse-temurin:21-jre
RUN useradd --system --uid 1001 --home-dir /opt/connect connect
COPY --from=fetch /opt/connect /opt/connect
COPY deploy/docker/connect-entrypoint.sh /opt/connect/entrypoint.sh
USER connect
WORKDIR /opt/connect
EXPOSE 8083
ENTRYPOINT ["/opt/connect/entrypoint.sh"]

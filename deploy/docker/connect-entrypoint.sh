#!/bin/sh
# Writes connect-distributed.properties from the task's environment and starts the worker.
# CONNECT_SECURITY=aws-iam: SASL_SSL with the MSK IAM login module for the worker and for the
# producers, consumers and admin clients it creates (each takes its own prefix).
set -eu
: "${CONNECT_BOOTSTRAP_SERVERS:?}" "${CONNECT_GROUP_ID:?}"
: "${CONNECT_CONFIG_STORAGE_TOPIC:?}" "${CONNECT_OFFSET_STORAGE_TOPIC:?}" "${CONNECT_STATUS_STORAGE_TOPIC:?}"
props=/tmp/connect-distributed.properties
advertised_host=$(hostname -i | awk '{print $1}')

cat > "$props" <<PROPS
bootstrap.servers=${CONNECT_BOOTSTRAP_SERVERS}
group.id=${CONNECT_GROUP_ID}
config.storage.topic=${CONNECT_CONFIG_STORAGE_TOPIC}
offset.storage.topic=${CONNECT_OFFSET_STORAGE_TOPIC}
status.storage.topic=${CONNECT_STATUS_STORAGE_TOPIC}
# The topics exist already (deploy/kafka.ts); -1 takes the broker's replication factor.
config.storage.replication.factor=-1
offset.storage.replication.factor=-1
status.storage.replication.factor=-1
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
plugin.path=/opt/connect/plugins
listeners=http://0.0.0.0:8083
rest.advertised.host.name=${advertised_host}
rest.advertised.port=8083
topic.creation.enable=true
# Connector configs may reference \${env:NAME}: resolved here, in the worker, from the task's secrets.
config.providers=env
config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
PROPS

if [ "${CONNECT_SECURITY:-plaintext}" = "aws-iam" ]; then
  for prefix in "" "producer." "consumer." "admin."; do
    cat >> "$props" <<PROPS
${prefix}security.protocol=SASL_SSL
${prefix}sasl.mechanism=AWS_MSK_IAM
${prefix}sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required;
${prefix}sasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler
PROPS
  done
fi

exec java ${CONNECT_HEAP:--Xmx1g} -XX:+ExitOnOutOfMemoryError \
  -cp '/opt/connect/libs/*' org.apache.kafka.connect.cli.ConnectDistributed "$props"

/** `bellyfed local`: where the local platform's parts listen, where it keeps downloads and state, which binaries run them. */
import { z } from 'zod';
import { localPort } from './fields.js';

const path = z.string().min(1);

export const LOCAL_PLATFORM_ENV = {
  BELLYFED_HOME: path.optional().describe('Downloads shared by every checkout (the Java parts): default ~/.cache/bellyfed.'),
  BELLYFED_PLATFORM_DIR: path.optional().describe('Where the Java parts are installed (default $BELLYFED_HOME/platform).'),
  BELLYFED_STATE_DIR: path.optional().describe("The local platform's configs, data, pid and log files (default .bellyfed/state in the checkout)."),
  JAVA_HOME: path.optional().describe('JDK that runs the Java parts (default: the java on PATH).'),
  BELLYFED_JAVA: path.optional().describe('java binary for the Java parts, overriding JAVA_HOME.'),
  BELLYFED_MVN: path.default('mvn').describe('Maven binary that fetches the Java parts.'),
  BELLYFED_PG_BIN: path.default('/usr/lib/postgresql/15/bin').describe("Directory of PostgreSQL's server binaries (initdb, pg_ctl) for the private cluster."),
  BELLYFED_POSTGRES_PORT: localPort(55432).describe('Port of the private PostgreSQL cluster.'),
  BELLYFED_KAFKA_PORT: localPort(9092).describe("Port of Kafka's plaintext listener."),
  BELLYFED_KAFKA_CONTROLLER_PORT: localPort(9093).describe("Port of Kafka's KRaft controller listener."),
  BELLYFED_KAFKA_SCRAM_PORT: localPort(9094).describe("Port of Kafka's SASL/SCRAM listener."),
  BELLYFED_REGISTRY_PORT: localPort(8081).describe('Port of the schema registry.'),
  BELLYFED_CONNECT_PORT: localPort(8083).describe("Port of Kafka Connect's REST API."),
  BELLYFED_DYNAMODB_PORT: localPort(8000).describe('Port of dynalite (the DynamoDB API).'),
};

export interface LocalPlatformSettings {
  readonly homeDir: string | undefined;
  readonly platformDir: string | undefined;
  readonly stateDir: string | undefined;
  readonly javaHome: string | undefined;
  readonly javaBin: string | undefined;
  readonly mvnBin: string;
  readonly pgBinDir: string;
  readonly ports: {
    readonly postgres: number;
    readonly kafka: number;
    readonly kafkaController: number;
    readonly kafkaScram: number;
    readonly registry: number;
    readonly connect: number;
    readonly dynamodb: number;
  };
}

/**
 * The cross-field rules of the Kafka security variables, turned into a KafkaSecurity. Each
 * problem names every variable involved and the fix; credentials set for a mode that does not
 * use them are refused rather than silently ignored.
 */
import { Secret } from './secret.js';
import type { KafkaSecurity, KafkaSecurityMode, KafkaTls, ScramMechanism } from './security.js';

export interface KafkaSecurityEnv {
  KAFKA_SECURITY: KafkaSecurityMode;
  KAFKA_SASL_MECHANISM: ScramMechanism;
  KAFKA_SASL_USERNAME?: string | undefined;
  KAFKA_SASL_PASSWORD?: string | undefined;
  KAFKA_TLS?: boolean | undefined;
  KAFKA_TLS_CA_FILE?: string | undefined;
  AWS_REGION?: string | undefined;
}

export type KafkaSecurityResult = { ok: true; security: KafkaSecurity } | { ok: false; problems: string[] };

export function kafkaSecurityFromEnv(e: KafkaSecurityEnv): KafkaSecurityResult {
  const mode = e.KAFKA_SECURITY;
  const problems: string[] = [];
  const tlsWanted = mode === 'sasl-scram' ? (e.KAFKA_TLS ?? true) : mode !== 'plaintext';

  if (mode === 'sasl-scram') {
    const missing = [
      e.KAFKA_SASL_USERNAME === undefined ? 'KAFKA_SASL_USERNAME' : undefined,
      e.KAFKA_SASL_PASSWORD === undefined ? 'KAFKA_SASL_PASSWORD' : undefined,
    ].filter((name) => name !== undefined);
    if (missing.length > 0) {
      problems.push(`KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD: KAFKA_SECURITY=sasl-scram needs both (missing ${missing.join(' and ')})`);
    }
  } else if (e.KAFKA_SASL_USERNAME !== undefined || e.KAFKA_SASL_PASSWORD !== undefined) {
    problems.push(`KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD: only used with KAFKA_SECURITY=sasl-scram (it is ${mode}); unset them or set KAFKA_SECURITY=sasl-scram`);
  }
  if (mode === 'aws-iam' && e.AWS_REGION === undefined) {
    problems.push('AWS_REGION: KAFKA_SECURITY=aws-iam needs the region of the MSK cluster, e.g. AWS_REGION=eu-west-1');
  }
  if (e.KAFKA_TLS === false && (mode === 'tls' || mode === 'aws-iam')) {
    problems.push(`KAFKA_TLS: KAFKA_SECURITY=${mode} always uses TLS; remove KAFKA_TLS=false`);
  }
  if (e.KAFKA_TLS === true && mode === 'plaintext') {
    problems.push('KAFKA_TLS: with KAFKA_SECURITY=plaintext there is no TLS; set KAFKA_SECURITY=tls instead');
  }
  if (e.KAFKA_TLS_CA_FILE !== undefined && !tlsWanted) {
    problems.push(`KAFKA_TLS_CA_FILE: only used over TLS, and KAFKA_SECURITY=${mode}${mode === 'sasl-scram' ? ' with KAFKA_TLS=false' : ''} has none`);
  }
  if (problems.length > 0) return { ok: false, problems };

  const tls: KafkaTls = { caFile: e.KAFKA_TLS_CA_FILE };
  switch (mode) {
    case 'plaintext':
      return { ok: true, security: { mode } };
    case 'tls':
      return { ok: true, security: { mode, tls } };
    case 'sasl-scram':
      return {
        ok: true,
        security: {
          mode,
          mechanism: e.KAFKA_SASL_MECHANISM,
          username: e.KAFKA_SASL_USERNAME!,
          password: new Secret(e.KAFKA_SASL_PASSWORD!),
          tls: tlsWanted ? tls : undefined,
        },
      };
    case 'aws-iam':
      return { ok: true, security: { mode, region: e.AWS_REGION!, tls } };
  }
}

/**
 * Secrets never reach the terminal: a setting whose key names a password, secret or token is
 * hidden whole, and any value that came from a secret environment variable is hidden wherever it
 * appears (inside a URL, in a message Connect echoes back).
 */
import type { ConnectorConfig } from '../shared/connect/types.js';

export const MASK = '********';

const SECRET_KEY = /password|secret|token/i;
const SECRET_VARIABLE = /PASSWORD|SECRET|TOKEN/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function isSecretVariable(name: string): boolean {
  return SECRET_VARIABLE.test(name);
}

// Shorter values are not searched for inside text: masking every "x" would garble all output,
// and a one-to-three-character secret protects nothing anyway. Secret keys are masked whole regardless.
const MIN_MASKED_LENGTH = 4;

/** Replaces every occurrence of each secret value (longest first, so one secret inside another is still hidden). */
export function maskText(text: string, secretValues: Iterable<string>): string {
  const secrets = [...new Set(secretValues)].filter((s) => s.length >= MIN_MASKED_LENGTH).sort((a, b) => b.length - a.length);
  let masked = text;
  for (const secret of secrets) masked = masked.split(secret).join(MASK);
  return masked;
}

export function maskValue(key: string, value: string, secretValues: Iterable<string>): string {
  return isSecretKey(key) ? MASK : maskText(value, secretValues);
}

export function maskConfig(config: ConnectorConfig, secretValues: Iterable<string>): ConnectorConfig {
  const secrets = [...secretValues];
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, maskValue(key, value, secrets)]));
}

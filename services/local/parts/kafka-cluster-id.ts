import { randomBytes } from 'node:crypto';

/**
 * A KRaft cluster id: 16 random bytes in base64url, as Kafka's own Uuid. Like Kafka's
 * Uuid.randomUuid, never one that starts with '-': the storage tool's argument parser would read
 * it as a flag ("--cluster-id: expected one argument"), one fresh state dir in 64.
 */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

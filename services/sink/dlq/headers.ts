/** The headers a dead letter carries: where it came from and why it could not be applied. */
import type { RawMessage } from '../source/types.js';

export const DLQ_HEADERS = {
  topic: 'bellyfed.dlq.source.topic',
  partition: 'bellyfed.dlq.source.partition',
  offset: 'bellyfed.dlq.source.offset',
  timestamp: 'bellyfed.dlq.source.timestamp',
  code: 'bellyfed.dlq.error.code',
  message: 'bellyfed.dlq.error.message',
  failedAt: 'bellyfed.dlq.failed.at',
} as const;

export interface DeadLetter {
  source: RawMessage;
  code: string;
  message: string;
}

export function deadLetterHeaders(letter: DeadLetter, now: Date): Record<string, string> {
  return {
    // Keep the original headers (minus any earlier dead-letter stamp, which this one replaces).
    ...Object.fromEntries(Object.entries(letter.source.headers).filter(([k]) => !k.startsWith('bellyfed.dlq.'))),
    [DLQ_HEADERS.topic]: letter.source.topic,
    [DLQ_HEADERS.partition]: String(letter.source.partition),
    [DLQ_HEADERS.offset]: letter.source.offset,
    [DLQ_HEADERS.timestamp]: String(letter.source.timestamp),
    [DLQ_HEADERS.code]: letter.code,
    // Headers are not for novels: the reason, cut to a sane length.
    [DLQ_HEADERS.message]: letter.message.slice(0, 2000),
    [DLQ_HEADERS.failedAt]: now.toISOString(),
  };
}

export interface DeadLetterInfo {
  topic: string;
  partition: number;
  offset: string;
  code: string;
  message: string;
  failedAt: string;
}

export function readDeadLetterHeaders(headers: Record<string, string>): DeadLetterInfo | undefined {
  const topic = headers[DLQ_HEADERS.topic];
  if (topic === undefined) return undefined;
  return {
    topic,
    partition: Number(headers[DLQ_HEADERS.partition]),
    offset: headers[DLQ_HEADERS.offset] ?? '',
    code: headers[DLQ_HEADERS.code] ?? '',
    message: headers[DLQ_HEADERS.message] ?? '',
    failedAt: headers[DLQ_HEADERS.failedAt] ?? '',
  };
}

/**
 * The sink's dead-letter topic: how many events it holds. Counted from offsets (end − start), so
 * after triage an operator clears the count by deleting the records (kafka-delete-records).
 */
import type { Admin } from 'kafkajs';
import type { DeadLetters } from '../types.js';

export async function readDeadLetters(admin: Admin, topic: string): Promise<DeadLetters> {
  if (!(await admin.listTopics()).includes(topic)) return { topic, exists: false, messages: 0 };
  const offsets = await admin.fetchTopicOffsets(topic);
  const messages = offsets.reduce((sum, p) => sum + Math.max(0, Number(p.high) - Number(p.low)), 0);
  return { topic, exists: true, messages };
}

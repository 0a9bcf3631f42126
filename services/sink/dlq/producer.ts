/**
 * Sends poison messages to the dead-letter topic, original key and bytes untouched, the reason
 * in headers. The send is acknowledged by all in-sync replicas before the partition's offset
 * moves past the message: a dead letter is never lost.
 */
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { BellyfedError } from '../../shared/errors.js';
import { deadLetterHeaders, type DeadLetter } from './headers.js';

export class DeadLetterProducer {
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;
  private count = 0;

  constructor(kafka: Kafka, readonly topic: string) {
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
    this.producer.on('producer.disconnect', () => {
      this.connected = undefined;
    });
  }

  /** Dead letters sent by this process. */
  get sent(): number {
    return this.count;
  }

  async send(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    try {
      this.connected ??= this.producer.connect();
      await this.connected;
      const now = new Date();
      await this.producer.send({
        topic: this.topic,
        acks: -1,
        messages: letters.map((letter) => ({
          key: letter.source.key,
          value: letter.source.value,
          headers: deadLetterHeaders(letter, now),
        })),
      });
      this.count += letters.length;
    } catch (err) {
      this.connected = undefined;
      throw new BellyfedError('KAFKA_UNAVAILABLE', `could not write ${letters.length} dead letter(s) to ${this.topic}`, { cause: err, retriable: true });
    }
  }

  async close(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }
}

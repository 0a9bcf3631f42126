/** Sends analytics batches to Kafka as Avro in the Confluent wire format, registering the schema once. */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { Partitioners, type Producer } from 'kafkajs';
import type { Logger } from '../shared/logger.js';
import { createKafka } from '../shared/kafka/client.js';
import type { KafkaSecurity } from '../shared/kafka/security.js';
import { analyticsEventSchema, type AnalyticsEvent } from './events.js';
import { batchEncoder } from './wire-encoding.js';

export interface KafkaSenderOptions {
  brokers: readonly string[];
  clientId: string;
  security: KafkaSecurity;
  topic: string;
  schemaRegistryUrl: string;
  logger: Logger;
}

export class KafkaAnalyticsSender {
  private readonly producer: Producer;
  private readonly registry: SchemaRegistry;
  private connected = false;
  private encode: ((events: readonly AnalyticsEvent[]) => Buffer[]) | undefined;

  constructor(private readonly options: KafkaSenderOptions) {
    const kafka = createKafka({ brokers: options.brokers, clientId: `${options.clientId}-analytics`, logger: options.logger, security: options.security });
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    this.producer.on('producer.disconnect', () => {
      this.connected = false;
    });
    this.registry = new SchemaRegistry({ host: options.schemaRegistryUrl }, { forSchemaOptions: { logicalTypes: {} } });
  }

  /** The subject follows Confluent's TopicNameStrategy: <topic>-value. */
  get subject(): string {
    return `${this.options.topic}-value`;
  }

  readonly send = async (batch: AnalyticsEvent[]): Promise<void> => {
    if (this.encode === undefined) {
      const schema = analyticsEventSchema();
      const { id } = await this.registry.register({ type: SchemaType.AVRO, schema }, { subject: this.subject });
      this.encode = batchEncoder(schema, id);
    }
    if (!this.connected) {
      await this.producer.connect();
      this.connected = true;
    }
    const values = this.encode(batch);
    const messages = batch.map((event, i) => ({
      key: event.restaurantId ?? event.requestId,
      value: values[i] as Buffer,
      timestamp: String(event.occurredAt),
    }));
    await this.producer.send({ topic: this.options.topic, messages, acks: -1 });
  };

  async close(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }
}

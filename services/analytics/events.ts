/** Analytics events of the read API; their Avro schema is schemas/avro/analytics-event.avsc. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../shared/paths.js';

export const ANALYTICS_EVENT_TYPES = [
  'RESTAURANTS_LISTED',
  'RESTAURANT_VIEWED',
  'RESTAURANT_MENU_VIEWED',
  'RESTAURANT_REVIEWS_VIEWED',
] as const;

export type AnalyticsEventType = (typeof ANALYTICS_EVENT_TYPES)[number];

export interface AnalyticsEvent {
  eventId: string;
  type: AnalyticsEventType;
  /** Epoch milliseconds (Avro timestamp-millis). */
  occurredAt: number;
  requestId: string;
  restaurantId: string | null;
  city: string | null;
  cuisine: string | null;
  resultCount: number | null;
  dataSource: string;
}

/** What a request tells about itself; the rest of the event is filled in here. */
export type AnalyticsEventFields = Partial<Pick<AnalyticsEvent, 'restaurantId' | 'city' | 'cuisine' | 'resultCount'>>;

export function analyticsEvent(
  type: AnalyticsEventType,
  fields: AnalyticsEventFields & { requestId: string; dataSource: string },
  now = Date.now(),
): AnalyticsEvent {
  return {
    eventId: randomUUID(),
    type,
    occurredAt: now,
    requestId: fields.requestId,
    restaurantId: fields.restaurantId ?? null,
    city: fields.city ?? null,
    cuisine: fields.cuisine ?? null,
    resultCount: fields.resultCount ?? null,
    dataSource: fields.dataSource,
  };
}

export function analyticsEventSchema(): string {
  return readFileSync(join(SCHEMAS_DIR, 'avro', 'analytics-event.avsc'), 'utf8');
}

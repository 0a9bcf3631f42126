/** A request id per request: the caller's X-Request-Id when it is sane, else a new UUID. */
import { randomUUID } from 'node:crypto';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    /** performance.now() when the request reached the app. */
    receivedAt: number;
  }
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
}

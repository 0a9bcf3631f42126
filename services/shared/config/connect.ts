/** The Kafka Connect REST API (connectors CLI, monitor). */
import { z } from 'zod';
import { httpUrl } from './fields.js';

export const CONNECT_ENV = {
  CONNECT_URL: httpUrl.default('http://127.0.0.1:8083').describe('Kafka Connect REST API (the connectors CLI).'),
  CONNECT_USERNAME: z.string().min(1).optional().describe('Optional basic-auth user for the Kafka Connect REST API.'),
  CONNECT_PASSWORD: z.string().min(1).optional().describe('Basic-auth password for the Kafka Connect REST API (with CONNECT_USERNAME).'),
};

export interface ConnectConfig {
  readonly url: string;
  readonly username: string | undefined;
  readonly password: string | undefined;
}

/** The value types of environment variables, each with the message a wrong value gets. */
import { z } from 'zod';

export const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
    message: 'must be a postgres:// or postgresql:// URL, e.g. postgres://user@127.0.0.1:5432/bellyfed',
  });

export const httpUrl = z
  .string()
  .refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), { message: 'must be an http:// or https:// URL' });

export const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `must be a whole number between ${min} and ${max}` })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: `must be at least ${min}` }).max(max, { message: `must be at most ${max}` }));

export const bool = z.enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'], {
  message: 'must be true or false',
}).transform((v) => ['true', '1', 'on', 'yes'].includes(v));

export const nameList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s.length > 0))
  .pipe(z.array(z.string()).min(1, { message: 'must list at least one name, comma-separated' }));

export const regexSource = z.string().refine((v) => {
  try {
    new RegExp(v);
    return true;
  } catch {
    return false;
  }
}, { message: 'must be a valid regular expression' });

export const brokerList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s.length > 0))
  .pipe(
    z
      .array(z.string().regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, { message: 'each broker must be host:port' }))
      .min(1, { message: 'must list at least one broker as host:port' }),
  );

export const topicName = z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, { message: 'must be a valid Kafka topic name' });

export const awsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'must be an AWS region such as eu-west-1' });

/** A TCP port the local platform binds (unprivileged). */
export const localPort = (fallback: number) => int(1024, 65535).default(fallback);

/** MSK IAM tokens from the default AWS credential chain (the ECS task role in production). */
import { generateAuthToken } from 'aws-msk-iam-sasl-signer-js';
import type { MskTokenProvider } from './security.js';

export const signMskToken: MskTokenProvider = (region) => generateAuthToken({ region });

/** The DynamoDB table of the Phase 2 projection and how to reach it. */
import { z } from 'zod';
import { awsRegion, httpUrl } from './fields.js';

export const DYNAMODB_ENV = {
  DYNAMODB_ENDPOINT: httpUrl
    .optional()
    .describe('DynamoDB endpoint override (dynalite locally); unset means the AWS endpoint of DYNAMODB_REGION.'),
  DYNAMODB_REGION: awsRegion.default('us-east-1').describe('AWS region of the DynamoDB table.'),
  DYNAMODB_TABLE: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, { message: 'must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)' })
    .default('bellyfed')
    .describe('The single DynamoDB table of the Phase 2 projection.'),
};

export interface DynamoDbConfig {
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly table: string;
}

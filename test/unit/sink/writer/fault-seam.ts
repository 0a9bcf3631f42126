/** A DynamoPort that answers every command with a given function, for injecting one fault at the seam. */
import { ConditionalCheckFailedException, DynamoDBServiceException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import type { DynamoPort } from '../../../../services/shared/dynamodb/port.js';

export interface SentCommand {
  name: string;
  input: Record<string, unknown>;
}

export class ScriptedPort implements DynamoPort {
  readonly sent: SentCommand[] = [];
  constructor(private readonly answer: (command: SentCommand, index: number) => unknown) {}

  async send(command: { constructor: { name: string }; input: Record<string, unknown> }): Promise<unknown> {
    const sent = { name: command.constructor.name.replace(/Command$/, ''), input: command.input };
    this.sent.push(sent);
    const result = this.answer(sent, this.sent.length - 1);
    if (result instanceof Error) throw result;
    return result ?? {};
  }
}

const metadata = { $metadata: { httpStatusCode: 400 } };
export const faults = {
  throttled: () => new ProvisionedThroughputExceededException({ message: 'slow down', ...metadata }),
  conditionFailed: () => new ConditionalCheckFailedException({ message: 'The conditional request failed', ...metadata }),
  validation: () => new DynamoDBServiceException({ name: 'ValidationException', $fault: 'client', message: 'Item size has exceeded the maximum allowed size', ...metadata }),
  internal: () => new DynamoDBServiceException({ name: 'InternalServerError', $fault: 'server', message: 'oops', $metadata: { httpStatusCode: 500 } }),
  refused: () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' }),
  missingTable: () => new DynamoDBServiceException({ name: 'ResourceNotFoundException', $fault: 'client', message: 'Requested resource not found', ...metadata }),
};

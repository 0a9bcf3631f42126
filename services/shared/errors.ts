/** The platform's one error model: codes (errors/codes.ts), the error class, the retry classifier. */
export { BellyfedError, isBellyfedError, type BellyfedErrorOptions } from './errors/bellyfed-error.js';
export {
  classifyFailure, isProgrammerError, isRetriable, isThrottling, type FailureClass,
} from './errors/classify.js';
export { ERROR_CODES, type ErrorCode, type ErrorCodeOf, type ErrorKind } from './errors/codes.js';
export { describeError } from './errors/describe.js';

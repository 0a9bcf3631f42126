/**
 * A secret string that cannot leak by accident: JSON, string conversion and util.inspect all
 * print '***', so a logged config object, an error's details or a template literal never carry
 * the value. Only reveal() returns it, at the one place that hands it to a client library.
 */
import { inspect } from 'node:util';

const MASK = '***';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }

  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return MASK;
  }

  toString(): string {
    return MASK;
  }

  [inspect.custom](): string {
    return `Secret(${MASK})`;
  }
}

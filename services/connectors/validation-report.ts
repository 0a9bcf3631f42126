/** What Connect's validation endpoint found wrong, field by field. */
import { maskText } from './masking.js';
import type { ValidationResult } from '../shared/connect/types.js';

export interface FieldProblem {
  readonly field: string;
  readonly errors: readonly string[];
}

export function failingFields(result: ValidationResult): FieldProblem[] {
  return result.configs
    .flatMap((c) => (c.value && c.value.errors.length > 0 ? [{ field: c.value.name, errors: c.value.errors }] : []))
    .sort((a, b) => a.field.localeCompare(b.field));
}

export function renderValidation(name: string, result: ValidationResult, secretValues: readonly string[]): string {
  const problems = failingFields(result);
  if (problems.length === 0) return `${name}: valid`;
  const lines = [`${name}: ${result.error_count} error(s)`];
  for (const p of problems) {
    for (const error of p.errors) lines.push(`  ${p.field}: ${maskText(error, secretValues)}`);
  }
  return lines.join('\n');
}

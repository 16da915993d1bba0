import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { repoRoot } from './corpus';

/**
 * Validation of SARIF logs against the official SARIF 2.1.0 JSON schema (sarif/PROVENANCE.md).
 * Ajv 6 (the installed one) speaks draft-07: the schema's `$schema` (2020-12) is set aside,
 * its keywords are all draft-07 ones.
 */
let validate: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (validate) return validate;
  const { $schema: _metaSchema, ...schema } = JSON.parse(readFileSync(join(repoRoot, 'electron', 'core', 'testing', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  validate = new Ajv({ allErrors: true, format: 'full' }).compile(schema);
  return validate;
}

/** Every way `log` breaks the SARIF 2.1.0 schema ([] when it is valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  const check = validator();
  if (check(log)) return [];
  return (check.errors ?? []).map((e) => `${e.dataPath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Asserts that `log` (an object, or SARIF JSON text) is a valid SARIF 2.1.0 log. */
export function assertValidSarif(log: unknown): void {
  const value: unknown = typeof log === 'string' ? JSON.parse(log) : log;
  assert.deepEqual(sarifSchemaErrors(value), [], 'SARIF log breaks the SARIF 2.1.0 schema');
}

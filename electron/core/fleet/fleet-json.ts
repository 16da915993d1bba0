import { z } from 'zod';
import { terminalSafeJson } from '../model/printable-text';
import { InputError } from '../model/errors';
import type { FleetMatrix } from './fleet-matrix';
import { FLEET_CONTRACT_STATUSES } from './fleet-matrix';
import { MAX_SHARDS } from './shard';

/** The matrix as JSON: what `fleet --format json` prints and `fleet merge` reads back. */
export function fleetJson(m: FleetMatrix): string {
  return `${terminalSafeJson(JSON.stringify(m, null, 2))}\n`;
}

const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/);
const policyId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(100);
const name = z.string().max(10_000);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const rowSchema = z.strictObject({
  install: name.min(1),
  contractFile: name,
  contractName: name,
  contractDigest: digest,
  contractStatus: z.enum(FLEET_CONTRACT_STATUSES as ['signed', 'unsigned', 'stale', 'bad-signature']),
  contractStatusDetail: name,
  verdict: z.enum(['blocked', 'needs-approval', 'pass']),
  deny: z.array(policyId).max(100_000),
  approval: z.array(policyId).max(100_000),
  findingsByPolicy: z.record(policyId, count),
  configuration: count,
  configurationDigest: digest,
});

/** A shard file comes back from CI artifacts: every field is checked, unknown ones refused. */
const matrixSchema = z.strictObject({
  fleetVersion: z.literal(1),
  changeSet: z.strictObject({ digest: z.string().max(200), resources: count, label: name }),
  at: z.string().max(64),
  rows: z.array(rowSchema).max(1_000_000),
  configurations: count,
  distinctPolicies: count,
  policyDigests: z.array(digest).max(10_000_000),
  contractSet: z.strictObject({ installs: count, digest }),
  trust: z.enum(['trusted-keys', 'own-roster']),
  shard: z.strictObject({ index: z.number().int().min(1).max(MAX_SHARDS), count: z.number().int().min(1).max(MAX_SHARDS) }).optional(),
  work: z.strictObject({ checksRepresented: count, checksPerformed: count, distinctEvaluations: count }).optional(),
  timings: z.strictObject({ parseMs: z.number(), compileMs: z.number(), evaluateMs: z.number(), loadMs: z.number().optional() }).optional(),
});

/** Reads a matrix written by fleetJson; anything else is an InputError naming the file (and the field). */
export function parseFleetJson(text: string, file: string): FleetMatrix {
  let value: unknown;
  try {
    // `__proto__` as a member would be dropped silently when the record is rebuilt: refused instead.
    value = JSON.parse(text, (key, v: unknown) => {
      if (key === '__proto__') throw new InputError(file, 'not a fleet matrix: it holds a "__proto__" member');
      return v;
    });
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(file, `not valid JSON (${(err as Error).message}); expected the output of 'countersign fleet --format json'`);
  }
  const parsed = matrixSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(file, `not a fleet matrix (fleetVersion 1): ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data as FleetMatrix;
}

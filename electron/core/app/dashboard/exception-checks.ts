/**
 * Which stored exceptions are in force, as `verify` decides it (issue 12, day-2 gaps). The
 * dashboard's exception rows are store columns: a forged co-reviewer file, or a row a thief
 * edited in a copied workspace, says whatever it likes there. So each exception is judged from
 * its signed copies with the verify code over the keys this workspace holds or trusts and the
 * roster of the contract that judges it (judgeAttestations, as the review screen does), and
 * what the dashboard shows of it (policies, waivers, expiry) comes from the signed statement.
 *
 * Exceptions of one change set are judged together under the contract judging that change set;
 * contract-wide ones under the latest revision of the contract their subject names. A judgement
 * verifies signatures only (no evaluation: the empty one), and it is cached until anything it
 * reads changes, so the dashboard stays a read of summary rows.
 */
import { createHash } from 'node:crypto';
import type { ResolvedContract } from '../../engine';
import type { Evaluation } from '../../model/finding';
import { describeWaiver } from '../../signing';
import { CONTRACT_SUBJECT } from '../../signing/statement';
import type { LoadedAttestation } from '../../signing';
import type { Workspace } from '../../store';
import type { ExceptionStatus } from '../../verify/apply-exceptions';
import { judgingRevision, resolveRevision } from '../current-contract';
import { judgeAttestations, workspaceTrust } from '../workspace-judgement';
import type { ExceptionRow } from './dashboard-queries';

/** An exception as verify reads it from its signed copies; null when none of them verifies. */
export interface CheckedException {
  /** It counts (verify's `valid` at the judgement's time): verified signatures, quorum of people, scope, not expired then. */
  readonly valid: boolean;
  /** From the signed statement. */
  readonly policy: string;
  readonly resourcePattern: string;
  /** The signed expiry ('' in the statement: null). */
  readonly expiresAt: string | null;
}

const EMPTY_EVALUATION: Evaluation = {
  verdict: 'pass', findings: [],
  summary: { resources: 0, byAction: {}, findings: 0, byEnforcement: {}, bySeverity: {}, errors: 0, checks: 0, evaluations: 0 },
  at: new Date(0).toISOString(), engineVersion: '',
};

/** How long a judgement's time may lag `now`: validity is re-read from the signed expiry against `now` anyway. */
const JUDGEMENT_TTL_MS = 60_000;

interface Cached {
  readonly stamp: string;
  readonly at: number;
  readonly checks: ReadonlyMap<number, CheckedException | null>;
}
const cache = new WeakMap<Workspace, Cached>();

/** Drops the cached judgement (the bench measures a judgement afresh). */
export function forgetExceptionChecks(ws: Workspace): void {
  cache.delete(ws);
}

/** Every exception row checked (by row id): null when nothing of it verifies or no contract judges it. */
export function checkedExceptions(ws: Workspace, rows: readonly ExceptionRow[], now: Date): ReadonlyMap<number, CheckedException | null> {
  const stamp = stampOf(ws, rows);
  const hit = cache.get(ws);
  if (hit && hit.stamp === stamp && Math.abs(now.getTime() - hit.at) < JUDGEMENT_TTL_MS) return hit.checks;
  const checks = judgeAll(ws, rows, now);
  cache.set(ws, { stamp, at: now.getTime(), checks });
  return checks;
}

function judgeAll(ws: Workspace, rows: readonly ExceptionRow[], now: Date): Map<number, CheckedException | null> {
  const out = new Map<number, CheckedException | null>(rows.map((r) => [r.id, null]));
  const groups = new Map<string, { contract: ResolvedContract; changeSetDigest: string; rows: ExceptionRow[] }>();
  for (const row of rows) {
    const judged = judgingContext(ws, row);
    if (judged === null) continue; // no contract judges it here: it cannot be in force
    const key = `${judged.changeSetDigest}\u0000${judged.contract.digest}`;
    const group = groups.get(key) ?? { ...judged, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  const trust = workspaceTrust(ws);
  for (const g of groups.values()) {
    const attestations = g.rows.flatMap((r) => signedCopies(ws, r));
    const verification = judgeAttestations({ changeSetDigest: g.changeSetDigest, contract: g.contract, evaluation: EMPTY_EVALUATION, evaluationDigest: '', now }, attestations, trust);
    const byDigest = new Map(verification.exceptions.map((e) => [e.digest, e]));
    for (const r of g.rows) {
      const status = byDigest.get(r.statementDigest);
      if (status !== undefined && status.signers.length > 0) out.set(r.id, checkedOf(status));
    }
  }
  return out;
}

/** The change set and contract an exception is judged under, as the review judges it. */
function judgingContext(ws: Workspace, row: ExceptionRow): { contract: ResolvedContract; changeSetDigest: string } | null {
  try {
    if (row.changeSetDigest !== null) {
      if (row.vendor === null || row.install === null) return null; // a change set the workspace does not hold
      const revision = judgingRevision(ws, { vendor: row.vendor, install: row.install });
      return revision === null ? null : { contract: resolveRevision(revision).contract, changeSetDigest: row.changeSetDigest };
    }
    const named = contractNamed(row.envelope);
    const revision = named === null ? null : ws.contracts.getRevisionByDigest(named);
    const latest = revision === null ? null : ws.contracts.latestRevision(revision.contract);
    return latest === null ? null : { contract: resolveRevision(latest).contract, changeSetDigest: '' };
  } catch {
    // A stored revision that no longer resolves judges nothing: its exceptions are not in force.
    return null;
  }
}

/** The contract digest a contract-wide exception's subject names (null when unreadable). */
function contractNamed(envelope: string): string | null {
  try {
    const payload = (JSON.parse(envelope) as { payload?: unknown }).payload;
    if (typeof payload !== 'string') return null;
    const statement = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { subject?: { name?: unknown; digest?: { sha256?: unknown } }[] };
    const hex = statement.subject?.find((s) => s.name === CONTRACT_SUBJECT)?.digest?.sha256;
    return typeof hex === 'string' && /^[0-9a-f]{64}$/.test(hex) ? `sha256:${hex}` : null;
  } catch {
    return null;
  }
}

/** The stored signed copies of one exception: the request and each co-signed copy. */
function signedCopies(ws: Workspace, row: ExceptionRow): LoadedAttestation[] {
  const stored = ws.attestations.getException(row.id);
  if (stored === null) return [];
  const copies = [{ keyId: 'request', envelope: stored.envelope }, ...stored.signatures.map((s) => ({ keyId: s.keyId, envelope: s.envelope }))];
  return copies.map((c, i) => {
    try {
      return { source: `exception ${row.id} copy ${i}`, envelope: JSON.parse(c.envelope) as unknown };
    } catch {
      return { source: `exception ${row.id} copy ${i}`, error: 'the stored envelope is not JSON' };
    }
  });
}

function checkedOf(s: ExceptionStatus): CheckedException {
  return {
    valid: s.valid,
    policy: [...new Set(s.waives.map((w) => w.policy))].join(', '),
    resourcePattern: s.waives.map(describeWaiver).join('; '),
    expiresAt: s.expires === '' ? null : s.expires,
  };
}

/**
 * Everything a judgement reads besides `now`: the exception rows (ids, envelopes), their
 * signatures, the workspace's keys and trusted keys with their revocations, the contract
 * revisions and change sets' vendor/install. Computed from small tables on every call.
 */
function stampOf(ws: Workspace, rows: readonly ExceptionRow[]): string {
  const h = createHash('sha256');
  for (const r of rows) h.update(`${r.id}\u0000${r.statementDigest}\u0000${r.changeSetDigest}\u0000${r.vendor}\u0000${r.install}\u0000${r.envelope}\n`);
  const state = ws.db.prepare(`SELECT (SELECT count(*) || ':' || ifnull(max(id), 0) FROM exception_signatures) AS sigs,
    (SELECT count(*) || ':' || ifnull(max(id), 0) FROM contract_revisions) AS revisions`).get() as { sigs: string; revisions: string };
  h.update(`${state.sigs}\u0000${state.revisions}\n`);
  for (const k of workspaceTrust(ws)) h.update(`${k.pem}\u0000${String(k.revokedAt ?? '')}\n`);
  return h.digest('hex');
}

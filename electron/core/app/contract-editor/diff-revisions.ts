import type { FieldChangeDto, RevisionDiffDto, RosterEntryDto } from '../../../shared/contract-editor-types';
import type { ResolvedContract } from '../../engine';
import type { RosterEntry } from '../../engine/contract/roster';
import type { Policy } from '../../model/policy';
import type { Workspace } from '../../store';
import { resolveRevision } from '../current-contract';
import { revisionDto, revisionOf } from './revisions';
import { ownKeyIds, rosterEntryDto } from '../review/contract-view';

/** The policy fields compared one by one (definedAt/expressionAt say where, not what: left out). */
const POLICY_FIELDS = ['title', 'description', 'severity', 'enforcement', 'enabled', 'shadow', 'match', 'condition', 'message', 'path', 'remediation', 'parameters', 'tags', 'tests', 'pack'] as const;

/**
 * What changed from revision `from` to revision `to` of a contract, as the resolved contracts
 * see it (so a pack version bump shows as the policies it changed): policies added, removed and
 * changed field by field; parameter values in force; approvals; vendor, install and pack pins;
 * the roster by key. Both texts come along for a side-by-side view.
 */
export function diffRevisions(ws: Workspace, contract: string, from: number, to: number): RevisionDiffDto {
  const a = revisionOf(ws, contract, from);
  const b = revisionOf(ws, contract, to);
  const latest = ws.contracts.latestRevision(contract)!;
  const before = resolveRevision(a).contract;
  const after = resolveRevision(b).contract;
  const oldPolicies = new Map(before.policies.map((p) => [p.id, p]));
  const newPolicies = new Map(after.policies.map((p) => [p.id, p]));
  const kept = after.policies.filter((p) => oldPolicies.has(p.id));
  return {
    from: revisionDto(a, a.id === latest.id),
    to: revisionDto(b, b.id === latest.id),
    policiesAdded: after.policies.filter((p) => !oldPolicies.has(p.id)).map((p) => p.id),
    policiesRemoved: before.policies.filter((p) => !newPolicies.has(p.id)).map((p) => p.id),
    policiesChanged: kept
      .map((p) => ({ id: p.id, changes: policyChanges(oldPolicies.get(p.id)!, p) }))
      .filter((c) => c.changes.length > 0),
    parameters: kept.flatMap((p) => parameterChanges(p.id, before.parameters[p.id] ?? {}, after.parameters[p.id] ?? {})),
    approvals: fieldChanges(before.approvals, after.approvals, ['quorum', 'exceptionQuorum', 'maxExceptionDays']),
    contract: fieldChanges(contractFields(before), contractFields(after), ['apiVersion', 'vendor', 'install', 'packs']),
    roster: rosterChanges(before.roster ?? [], after.roster ?? [], ownKeyIds(ws)),
    textBefore: a.content,
    textAfter: b.content,
  };
}

function contractFields(c: ResolvedContract): Record<string, unknown> {
  return { apiVersion: c.apiVersion ?? 'countersign.dev/v1', vendor: c.vendor, install: c.install ?? '', packs: c.packs ?? c.extends };
}

function policyChanges(a: Policy, b: Policy): FieldChangeDto[] {
  const norm = (p: Policy) => ({ ...p, shadow: p.shadow === true, path: p.path ?? '' });
  return fieldChanges(norm(a), norm(b), POLICY_FIELDS);
}

function parameterChanges(policy: string, a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): RevisionDiffDto['parameters'][number][] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names
    .filter((n) => stable(a[n]) !== stable(b[n]))
    .map((name) => ({ policy, name, before: shown(a[name]), after: shown(b[name]) }));
}

function fieldChanges<T extends object>(a: T, b: T, fields: readonly string[]): FieldChangeDto[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return fields.filter((f) => stable(ra[f]) !== stable(rb[f])).map((field) => ({ field, before: shown(ra[field]), after: shown(rb[field]) }));
}

function rosterChanges(a: readonly RosterEntry[], b: readonly RosterEntry[], own: ReadonlySet<string>): RevisionDiffDto['roster'] {
  const before = new Map(a.map((e) => [e.fingerprint, e]));
  const after = new Map(b.map((e) => [e.fingerprint, e]));
  const dto = (e: RosterEntry): RosterEntryDto => rosterEntryDto(e, own);
  const fields = (e: RosterEntry) => ({ name: e.name, email: e.email, roles: [...e.roles].sort(), revoked: e.revoked ?? null, publicKey: e.publicKey.trim() });
  return {
    added: b.filter((e) => !before.has(e.fingerprint)).map(dto),
    removed: a.filter((e) => !after.has(e.fingerprint)).map(dto),
    changed: b.filter((e) => before.has(e.fingerprint))
      .map((e) => ({ fingerprint: e.fingerprint, name: e.name, changes: fieldChanges(fields(before.get(e.fingerprint)!), fields(e), ['name', 'email', 'roles', 'revoked', 'publicKey']) }))
      .filter((c) => c.changes.length > 0),
  };
}

/** JSON with object keys sorted: equal values compare equal whatever their key order. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
    : x)) ?? 'null';
}

/** Display text: strings as they are, anything else as JSON; absent as ''. */
function shown(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : stable(v);
}

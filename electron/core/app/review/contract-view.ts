import type { ContractPolicyDto, ContractView } from '../../../shared/api-types';
import type { PublicationSummaryDto, RosterEntryDto } from '../../../shared/contract-editor-types';
import type { ResolvedContract } from '../../engine';
import type { RosterEntry } from '../../engine/contract/roster';
import { unconfiguredPolicies } from '../../engine/contract/unconfigured';
import type { Policy } from '../../model/policy';
import type { Workspace } from '../../store';
import { judgingRevision, latestRevision, namedContract, resolveRevision } from '../current-contract';
import type { ActiveContract } from '../current-contract';
import { paramDtos, paramsSummary } from './policy-params';
import type { ReviewSession } from './review-session';

/** Which revision a view shows: a stored one, or an unsaved draft (revision 0). */
export interface RevisionInfo {
  readonly revision: number;
  /** The YAML as stored (or as drafted). */
  readonly text: string;
  readonly publication?: PublicationSummaryDto | null;
}

const withoutPrefix = (fingerprint: string): string => fingerprint.replace(/^sha256:/, '');

/** The key ids of the workspace's own reviewer keys, to mark the roster entries it holds. */
export function ownKeyIds(ws: Workspace): ReadonlySet<string> {
  return new Set(ws.keys.listReviewerKeys().map((k) => withoutPrefix(k.id)));
}

/** One roster entry as the API shows it. */
export function rosterEntryDto(e: RosterEntry, own: ReadonlySet<string>): RosterEntryDto {
  return {
    name: e.name, email: e.email, fingerprint: e.fingerprint, publicKey: e.publicKey, roles: [...e.roles], revoked: e.revoked ?? null,
    inWorkspace: own.has(withoutPrefix(e.fingerprint)),
  };
}

function rosterDtos(ws: Workspace, c: ResolvedContract): RosterEntryDto[] {
  const own = ownKeyIds(ws);
  return (c.roster ?? []).map((e) => rosterEntryDto(e, own));
}

/**
 * Every policy's match and CEL: own policies are edited from them, a pack policy's are shown
 * read-only (a reviewer must be able to read what a rule checks before trusting or forking it).
 */
function logicOf(p: Policy): Partial<ContractPolicyDto> {
  return { match: p.match, condition: p.condition, message: p.message, ...(p.path !== undefined ? { path: p.path } : {}), remediation: p.remediation };
}

/**
 * A contract as the editor shows it: every policy with its parameters (schema and value in
 * force), enabled/shadow, whether it is configured, and how many stored change sets it flags
 * now (their current evaluations' findings, pending and past: a store query, no evaluation).
 * Takes any resolved contract, so an unsaved draft shows exactly like a stored revision.
 * `affectedPending` (counted by the caller under the current contract) defaults to the
 * stored pending count.
 */
export function contractViewOf(ws: Workspace, c: ResolvedContract, info: RevisionInfo, affectedPending?: ReadonlyMap<string, number>): ContractView {
  // The change sets this contract judges are those whose current evaluation was made under one
  // of its revisions (every evaluation is made under the contract contractFor selects).
  const flagged = ws.evaluations.flaggedByPolicy({ contract: c.name });
  const unconfigured = unconfiguredPolicies(c);
  return {
    name: c.name,
    apiVersion: c.apiVersion ?? 'countersign.dev/v1',
    vendor: c.vendor,
    install: c.install ?? '',
    text: info.text,
    digest: c.digest,
    revision: info.revision,
    quorum: Math.max(1, c.approvals.quorum),
    exceptionQuorum: Math.max(1, c.approvals.exceptionQuorum),
    maxExceptionDays: c.approvals.maxExceptionDays,
    warnings: unconfigured.size,
    roster: rosterDtos(ws, c),
    publication: info.publication ?? null,
    policies: c.policies.map((p): ContractPolicyDto => {
      const params = paramDtos(c, p);
      const counts = flagged.get(p.id);
      return {
        id: p.id, title: p.title, description: p.description, severity: p.severity, enforcement: p.enforcement,
        enabled: p.enabled, shadow: p.shadow === true, pack: p.pack,
        affectedPending: affectedPending?.get(p.id) ?? counts?.pending ?? 0,
        unconfigured: unconfigured.has(p.id),
        params,
        paramsSummary: paramsSummary(params),
        flaggedPending: counts?.pending ?? 0,
        flaggedPast: counts?.past ?? 0,
        testCount: p.tests.length,
        ...logicOf(p),
      };
    }),
  };
}

/** A contract's latest revision (the named one, else the default contract), as the contract screen shows it. */
export function contractView(session: ReviewSession, name?: string): ContractView {
  const active = name === undefined ? unnamedContract(session) : namedContract(session.ws, name);
  const affected = new Map<string, number>();
  for (let offset = 0; ; offset += 1000) {
    const page = session.ws.listInbox({ state: 'pending', limit: 1000, offset });
    for (const item of page.items) {
      if (session.contractFor(item.digest).revision.contract !== active.contract.name) continue;
      const policies = new Set(session.judge(item.digest).findings.map((f) => f.policy));
      for (const p of policies) affected.set(p, (affected.get(p) ?? 0) + 1);
    }
    if (page.items.length === 0 || offset + page.items.length >= page.total) break;
  }
  return contractViewOf(session.ws, active.contract, { revision: active.revision.revision, text: active.revision.content }, affected);
}

/**
 * Without a name: the default contract when one is stored, else the contract saved last (so
 * opening the screen of a workspace that holds only vendor contracts stores nothing), else the
 * baseline default of an empty workspace.
 */
function unnamedContract(session: ReviewSession): ActiveContract {
  const stored = judgingRevision(session.ws, { vendor: '', install: '' }) ?? latestRevision(session.ws);
  return stored ? resolveRevision(stored) : session.contract();
}

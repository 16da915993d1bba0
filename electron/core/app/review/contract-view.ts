import type { ContractView } from '../../../shared/api-types';
import type { ResolvedContract } from '../../engine';
import { NotFoundError } from '../../model/errors';
import { judgingRevision, latestRevision, resolveRevision } from '../current-contract';
import type { ActiveContract } from '../current-contract';
import type { ReviewSession } from './review-session';

/** A contract's latest revision (the named one, else the default contract), as the contract screen shows it. */
export function contractView(session: ReviewSession, name?: string): ContractView {
  const active = name === undefined ? unnamedContract(session) : namedContract(session, name);
  return contractViewOf(session, { contract: active.contract, revision: active.revision.revision, text: active.revision.content });
}

/**
 * The view of any contract: a stored revision, or an unsaved draft (`revision` is then the
 * revision it was started from). Each policy counts the pending change sets it has findings
 * on among those this contract (by name) judges, from the stored evaluations.
 */
export function contractViewOf(session: ReviewSession, active: { readonly contract: ResolvedContract; readonly revision: number; readonly text: string }): ContractView {
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
  const c = active.contract;
  return {
    name: c.name,
    apiVersion: c.apiVersion ?? 'countersign.dev/v1',
    vendor: c.vendor,
    install: c.install ?? '',
    text: active.text,
    digest: c.digest,
    revision: active.revision,
    quorum: Math.max(1, c.approvals.quorum),
    exceptionQuorum: Math.max(1, c.approvals.exceptionQuorum),
    maxExceptionDays: c.approvals.maxExceptionDays,
    policies: c.policies.map((p) => ({
      id: p.id, title: p.title, description: p.description, severity: p.severity, enforcement: p.enforcement,
      enabled: p.enabled, shadow: p.shadow === true, pack: p.pack, affectedPending: affected.get(p.id) ?? 0,
    })),
  };
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

function namedContract(session: ReviewSession, name: string): ActiveContract {
  const latest = session.ws.contracts.latestRevision(name);
  if (!latest) throw new NotFoundError(name, 'no contract with this name in the workspace');
  return resolveRevision(latest);
}

import type { ContractView } from '../../../shared/api-types';
import type { ResolvedContract } from '../../engine';
import type { ReviewSession } from './review-session';

/** The policies in force, each with how many pending change sets it has findings on (under the current contract). */
export function contractView(session: ReviewSession): ContractView {
  const active = session.contract();
  return contractViewOf(session, { contract: active.contract, revision: active.revision.revision, text: active.revision.content });
}

/**
 * The view of any contract: a stored revision, or an unsaved draft (`revision` is then the
 * revision it was started from). The counts are those of the stored evaluations.
 */
export function contractViewOf(session: ReviewSession, active: { readonly contract: ResolvedContract; readonly revision: number; readonly text: string }): ContractView {
  const affected = new Map<string, number>();
  for (let offset = 0; ; offset += 1000) {
    const page = session.ws.listInbox({ state: 'pending', limit: 1000, offset });
    for (const item of page.items) {
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

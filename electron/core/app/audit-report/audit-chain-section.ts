import type { LoadedAttestation } from '../../signing';
import { currentAuditHead } from '../../store/audit-heads';
import type { Workspace } from '../../store';
import { checkAuditHeadsOf, verifyAudit } from '../audit-service';
import type { AuditChainStatus } from '../../reports/audit-report-model';

/**
 * The audit log's hash chain walked end to end (verify-audit-chain.ts), and the heads recorded in
 * the signed decisions and exceptions this workspace holds checked against it (the same check as
 * `countersign audit verify --attestations`: only signatures by keys held or trusted are read).
 */
export function auditChainSection(ws: Workspace): AuditChainStatus {
  const chain = verifyAudit(ws);
  const held: LoadedAttestation[] = [];
  for (const e of ws.attestations.listOutboxEnvelopes()) {
    try {
      held.push({ source: `${e.kind} ${e.statementDigest ?? ''}`.trim(), envelope: JSON.parse(e.envelope) as unknown });
    } catch {
      // A stored envelope that is not JSON records no head this check can read (counted as unverified).
      held.push({ source: `${e.kind} ${e.statementDigest ?? ''}`.trim(), error: 'the stored envelope is not JSON' });
    }
  }
  const heads = checkAuditHeadsOf(ws, held);
  const head = currentAuditHead(ws);
  return {
    ok: chain.ok && heads.problems.length === 0,
    entries: chain.entries,
    firstBroken: chain.ok ? null : { seq: chain.firstBroken.seq, reason: `${chain.firstBroken.reason}: ${chain.firstBroken.detail}` },
    head: { seq: head.seq, hash: head.hash, genesis: head.genesis },
    recordedHeads: { matched: heads.matched, foreign: heads.foreign.length, problems: heads.problems.map((p) => p.detail) },
  };
}

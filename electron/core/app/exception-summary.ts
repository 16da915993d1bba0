import type { Evaluation } from '../model/finding';
import type { LegacyWaiver, Waiver } from '../signing';
import type { StoredEvaluation, Workspace } from '../store';
import type { WaivedResource } from '../verify';
import { judgingRevision, resolveRevision } from './current-contract';
import { judgeInWorkspace } from './workspace-judgement';

/** An exception as `changeset show` lists it: what it waives, what it covers, who verifiably signed. */
export interface ExceptionSummary {
  readonly id: number;
  readonly statementDigest: string;
  readonly waives: readonly (Waiver | LegacyWaiver)[];
  /** Each deny finding of the shown evaluation it covers (empty when that evaluation is not under the current contract). */
  readonly covers: readonly WaivedResource[];
  readonly valid: boolean;
  readonly expiresAt: string | null;
  /** Distinct keys whose signature verified with a key this workspace holds or trusts (never a stored row's claim). */
  readonly signers: readonly string[];
}

/**
 * The exceptions held for a change set, judged as `verify` would: over every finding of its
 * latest evaluation when that evaluation is under the current contract (else over none).
 * Reads only: nothing is evaluated or recorded.
 */
export function exceptionSummaries(ws: Workspace, changeSetDigest: string, evaluation: StoredEvaluation | null, now = new Date()): ExceptionSummary[] {
  const stored = ws.attestations.listExceptions(changeSetDigest);
  if (stored.length === 0) return [];
  const changeSet = ws.changeSets.getChangeSet(changeSetDigest);
  const latest = changeSet ? judgingRevision(ws, changeSet.metadata) : null;
  if (!latest) return [];
  const active = resolveRevision(latest);
  const current = evaluation !== null && evaluation.contractDigest === latest.digest ? evaluation : null;
  const asEvaluation: Evaluation = current
    ? { verdict: current.verdict, findings: allFindings(ws, current.id), summary: current.summary, at: current.at, engineVersion: current.engineVersion }
    : { verdict: 'pass', findings: [], summary: { resources: 0, byAction: {}, findings: 0, byEnforcement: {}, bySeverity: {}, errors: 0, checks: 0, evaluations: 0 }, at: now.toISOString(), engineVersion: '' };
  const judged = judgeInWorkspace(ws, { changeSetDigest, contract: active.contract, evaluation: asEvaluation, evaluationDigest: current?.digest ?? '', now });
  const byDigest = new Map(judged.exceptions.map((e) => [e.digest, e]));
  return stored.map((e) => {
    const status = byDigest.get(e.statementDigest);
    return {
      id: e.id, statementDigest: e.statementDigest, waives: status?.waives ?? [], covers: status?.covers ?? [],
      valid: status?.valid ?? false, expiresAt: e.expiresAt, signers: status?.signers ?? [],
    };
  });
}

function allFindings(ws: Workspace, evaluationId: number): Evaluation['findings'] {
  return ws.evaluations.allFindings(evaluationId);
}

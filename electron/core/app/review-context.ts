import type { ChangeSet } from '../model/changeset';
import { NotFoundError } from '../model/errors';
import type { Evaluation } from '../model/finding';
import type { StoredEvaluation, StoredFinding, Workspace } from '../store';
import type { ReleaseVerification } from '../verify';
import { currentEvaluation, evaluateStored, rebuildStored } from './change-set-service';
import { contractFor } from './current-contract';
import type { ActiveContract } from './current-contract';
import { JudgementCache } from './judgement-cache';

/**
 * What a use case (approve, reject, request or sign an exception) reads besides the store: the
 * contract that judges each change set, the change set rebuilt, the judgements made so far. The desktop app's
 * review session holds them across calls (so approving reuses what the screen showed); a CLI
 * run gets a fresh one.
 */
export interface ReviewContext {
  /** The contract revision that judges this stored change set (its vendor's and install's, else the default), resolved. */
  contractFor(digest: string): ActiveContract;
  /** A stored change set rebuilt from its stored files. */
  changeSet(digest: string): ChangeSet;
  /** Every finding of a stored evaluation. */
  findingsOf(evaluation: StoredEvaluation): readonly StoredFinding[];
  readonly judgements: JudgementCache;
}

/** A context over the workspace alone: each piece is made once, when first asked for. */
export function workspaceContext(ws: Workspace): ReviewContext {
  const selected = new Map<string, ActiveContract>();
  const built = new Map<string, ChangeSet>();
  return {
    contractFor: (digest) => {
      const hit = selected.get(digest);
      if (hit) return hit;
      const stored = ws.changeSets.getChangeSet(digest);
      if (!stored) throw new NotFoundError(digest, 'no change set with this digest in the workspace');
      const active = contractFor(ws, stored.metadata);
      selected.set(digest, active);
      return active;
    },
    changeSet: (digest) => {
      const hit = built.get(digest);
      if (hit) return hit;
      const changeSet = rebuildStored(ws, digest);
      built.set(digest, changeSet);
      return changeSet;
    },
    findingsOf: (evaluation) => allFindings(ws, evaluation),
    judgements: new JudgementCache(),
  };
}

/** Every finding of an evaluation (stored in pages of at most 1000). */
export function allFindings(ws: Workspace, evaluation: StoredEvaluation): readonly StoredFinding[] {
  return ws.evaluations.allFindings(evaluation.id);
}

export interface CurrentJudgement {
  readonly active: ActiveContract;
  readonly evaluation: StoredEvaluation;
  readonly findings: readonly StoredFinding[];
  readonly verification: ReleaseVerification;
}

/**
 * A stored change set's evaluation under the contract that judges it (evaluated and recorded now if
 * it never was), judged over the signatures held: what the review screens show.
 */
export function judgeCurrent(ws: Workspace, context: ReviewContext, digest: string, now: Date): CurrentJudgement {
  const active = context.contractFor(digest);
  const evaluation = currentEvaluation(ws, digest, active.revision.digest) ?? evaluateStored(ws, digest, active, context.changeSet(digest)).stored;
  const findings = context.findingsOf(evaluation);
  const asEvaluation: Evaluation = { verdict: evaluation.verdict, findings, summary: evaluation.summary, at: evaluation.at, engineVersion: evaluation.engineVersion };
  const verification = context.judgements.judge(ws, { changeSetDigest: digest, contract: active.contract, evaluation: asEvaluation, evaluationDigest: evaluation.digest, now });
  return { active, evaluation, findings, verification };
}

/** What a signing use case judges before it signs: the contract, the fresh evaluation, the judgement input and its result. */
export interface SigningJudgement {
  readonly active: ActiveContract;
  readonly evaluation: Evaluation;
  readonly stored: StoredEvaluation;
  /** The judgement input, to remember the judgement after signing. */
  readonly judgement: { readonly changeSetDigest: string; readonly contract: ActiveContract['contract']; readonly evaluation: Evaluation; readonly evaluationDigest: string; readonly now: Date };
  readonly before: ReleaseVerification;
}

/**
 * The one judgement a decision or a withdrawal is made on: the change set evaluated now under
 * the contract that judges it (from the context's change set), and judged over what is held.
 */
export function judgeForSigning(ws: Workspace, context: ReviewContext, digest: string, now: Date): SigningJudgement {
  const active = context.contractFor(digest);
  const { evaluation, stored } = evaluateStored(ws, digest, active, context.changeSet(digest));
  const judgement = { changeSetDigest: digest, contract: active.contract, evaluation, evaluationDigest: stored.digest, now };
  return { active, evaluation, stored, judgement, before: context.judgements.judge(ws, judgement) };
}

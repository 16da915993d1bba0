// The golden outputs of the engine (issue 13): what `countersign evaluate --format json` prints
// for an input under the default contract at a fixed time, computed in-process the way the
// CLI computes it. Speed work on the loaders, the evaluate loop and CEL must leave every byte
// of it as it was: golden.test.ts compares against the committed files in this folder.
import { createHash } from 'node:crypto';
import { compileContract, defaultContract, evaluateChangeSet, evaluationDigest, explainFindings } from '../../core/engine';
import type { ResourceActivation } from '../../core/engine/evaluate/evaluate-changeset';
import { loadChangeSet } from '../../core/loaders/load-change-set';
import type { ResourceChange } from '../../core/model/resource-change';
import { renderJsonReport } from '../../core/reports/json-report';

/** The evaluation time of every golden report (inside no maintenance window of the baseline pack). */
export const GOLDEN_AT = new Date('2026-01-05T03:00:00Z');

export interface GoldenFigures {
  readonly verdict: string;
  readonly evaluationDigest: string;
  /** sha256 of the whole JSON report text (findings, explanations, summary, change set). */
  readonly reportSha256: string;
  readonly findings: number;
  readonly resources: number;
}

export interface GoldenReport {
  readonly report: string;
  readonly figures: GoldenFigures;
}

/**
 * The JSON report of `inputs` (absolute paths) under the default contract at GOLDEN_AT, with
 * `root` (the repository folder, which differs between checkouts) written as `<root>`.
 */
export async function goldenReport(inputs: readonly string[], root: string): Promise<GoldenReport> {
  const contract = defaultContract();
  const compiled = compileContract(contract);
  const changeSet = await loadChangeSet(inputs);
  // As `countersign evaluate` does it: the explanations reuse what the evaluation built.
  const activations = new Map<ResourceChange, ResourceActivation>();
  const evaluation = evaluateChangeSet(changeSet, compiled, { at: GOLDEN_AT, keepActivations: activations });
  const explanations = explainFindings(changeSet, compiled, evaluation.findings, GOLDEN_AT, activations);
  const report = renderJsonReport({ changeSet, contract, evaluation, explanations }).split(root).join('<root>/');
  return {
    report,
    figures: {
      verdict: evaluation.verdict,
      evaluationDigest: evaluationDigest(evaluation),
      reportSha256: createHash('sha256').update(report).digest('hex'),
      findings: evaluation.findings.length,
      resources: changeSet.resources.length,
    },
  };
}

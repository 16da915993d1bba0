import type { ExplanationDto } from '../../../shared/api-types';
import { explainFindings } from '../../engine';
import type { CompiledContract } from '../../engine';
import { compiledPolicies } from '../compiled-contract';
import type { Explanation } from '../../model/explanation';
import type { StoredFinding } from '../../store';
import type { ExplainScope, JudgedChangeSet } from './review-session';

/**
 * Why each finding fired, from the engine's explain stage, on the loaded (masked) model at the
 * stored evaluation's time; null for a built-in check's finding. A contract that no longer
 * compiles (it judged these findings, so it did) explains nothing rather than failing the view.
 */
export function findingExplanations(loaded: { readonly changeSet: ExplainScope }, judged: JudgedChangeSet, findings: readonly StoredFinding[]): (ExplanationDto | null)[] {
  return storedFindingExplanations(loaded.changeSet, judged, findings).map((e) => (e ? explanationDto(e) : null));
}

/** The engine's explanations of stored findings (the review's DTOs and the audit report's text both start here). */
export function storedFindingExplanations(changeSet: ExplainScope, judged: JudgedChangeSet, findings: readonly StoredFinding[]): (Explanation | null)[] {
  if (findings.length === 0) return [];
  let contract: CompiledContract;
  try {
    contract = compiledPolicies(judged.active.contract, new Set(findings.map((f) => f.policy)));
  } catch {
    return findings.map(() => null);
  }
  return explainFindings(changeSet, contract, findings, new Date(judged.evaluation.at));
}

/** The DTO, field by field (nothing the model may grow later crosses the boundary). */
export function explanationDto(e: Explanation): ExplanationDto {
  const el = e.element;
  return {
    condition: e.condition,
    clause: e.clause ? { start: e.clause.start, end: e.clause.end, text: e.clause.text } : null,
    choices: e.choices.map((v) => ({ expression: v.expression, value: v.value })),
    parts: e.parts.map((p) => ({ start: p.start, end: p.end, text: p.text, value: p.value })),
    values: e.values.map((v) => ({ expression: v.expression, value: v.value })),
    ...(el ? { element: { macro: el.macro, variable: el.variable, list: el.list, index: el.index, value: el.value, saw: el.saw } } : {}),
    field: e.field ? [...e.field] : null,
    ...(e.note !== undefined ? { note: e.note } : {}),
  };
}

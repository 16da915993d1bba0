// Impact replay: an unsaved contract evaluated over every stored change set it judges, diffed
// against their current stored evaluations (issue 9, "Seeing the effect before saving").
export { startImpactJob, sharedImpactCaches } from './impact-job';
export type { ImpactDraft, ImpactJob, ImpactJobOptions, ImpactPage, ImpactProblem, ImpactRow, ImpactSummary, StartImpactResult } from './impact-job';
export { explainFinding } from './explain-finding';
export type { ExplainFindingInput, ExplainFindingResult, FindingExplanation } from './explain-finding';
export type { ConditionSpan } from '../../engine/explain';
export type { DraftProblem } from './load-draft';
export type { FindingSide, FindingChangeKind } from './diff-findings';
export { PolicyCompileCache } from './policy-compile-cache';
export { ChangeSetCache, DEFAULT_CHANGE_SET_CACHE_LIMITS } from './change-set-cache';
export type { ChangeSetCacheLimits } from './change-set-cache';
export { contractApplies, impactTargets } from './impact-targets';

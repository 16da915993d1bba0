// The explain stage: why a policy decided what it decided on one resource (issue 11).
export { explainFinding } from './explain-finding';
export type { ExplainInputs } from './explain-finding';
export type { ConditionSpan, Explanation, ExplainedPart, ExplainedValue, FailingElement } from '../../model/explanation';
export { topLevelClauses, fieldReferences } from './condition-clauses';
export { renderValue } from './render-value';
export { explainFindings, findingResource, resourcesByAddress } from './explain-findings';
export type { ExplainedFinding } from './explain-findings';

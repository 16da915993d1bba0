// The explain stage: why a policy decided what it decided on one resource (issue 11).
export { explainFinding } from './explain-finding';
export type { Explanation, ExplainedPart, ExplainedValue, ExplainInputs } from './explain-finding';
export type { FailingElement } from './failing-element';
export type { ConditionSpan } from './condition-clauses';
export { topLevelClauses, fieldReferences } from './condition-clauses';
export { renderValue } from './render-value';

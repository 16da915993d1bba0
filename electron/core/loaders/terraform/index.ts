export { isTerraformPlan } from './plan-format';
export { parsePlanJson } from './parse-plan-json';
export { normalizeTerraformPlan, loadTerraformPlan } from './normalize-plan';
export type { TerraformLoadOptions } from './normalize-plan';

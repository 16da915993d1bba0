import { InputError } from '../../model/errors';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys of `terraform show -json PLANFILE` output that detection accepts beside format_version. */
const DETECTION_KEYS = ['resource_changes', 'planned_values', 'prior_state', 'resource_drift', 'terraform_version'] as const;
/** Keys only a plan has (state output has format_version and terraform_version too). */
const PLAN_ONLY_KEYS = ['resource_changes', 'resource_drift', 'planned_values', 'prior_state', 'output_changes'] as const;

const EXPECTED = 'expected the JSON output of `terraform show -json PLANFILE` (or `tofu show -json PLANFILE`), an object with "format_version" and "resource_changes"';

/** The parsed JSON looks like `terraform show -json` output (used to tell input formats apart). */
export function isTerraformPlan(value: unknown): boolean {
  return isObject(value) && Object.hasOwn(value, 'format_version') && DETECTION_KEYS.some((k) => Object.hasOwn(value, k));
}

/**
 * Checks the plan's top level: a JSON object with plan content and a format_version this loader
 * reads (0.1 up to 1.x: every version Terraform and OpenTofu have written). Major version 2 would
 * mean incompatible changes, so it is refused rather than half-read.
 */
export function assertSupportedPlan(file: string, plan: unknown): JsonObject {
  if (!isObject(plan)) {
    throw new InputError(file, `not a Terraform plan: got ${describeJson(plan)}; ${EXPECTED}`);
  }
  if (!PLAN_ONLY_KEYS.some((k) => Object.hasOwn(plan, k))) {
    const isState = Object.hasOwn(plan, 'values') || (Object.hasOwn(plan, 'lineage') && Object.hasOwn(plan, 'resources'));
    throw new InputError(file, isState
      ? `not a Terraform plan: this is Terraform state, which has no pending changes; ${EXPECTED}`
      : `not a Terraform plan: none of "resource_changes", "resource_drift", "planned_values" or "prior_state" is present; ${EXPECTED}`);
  }
  const version = plan.format_version;
  if (typeof version !== 'string' || !isSupportedVersion(version)) {
    // Never stringify a non-string: it could be a hostile, absurdly nested value.
    const shown = version === undefined ? '(missing)'
      : typeof version === 'string' ? JSON.stringify(version.length > 20 ? `${version.slice(0, 20)}…` : version)
        : `(${describeJson(version)})`;
    throw new InputError(file, `unsupported plan format_version ${shown}: this version of Countersign reads plan format 0.1 up to 1.x`);
  }
  return plan;
}

function isSupportedVersion(version: string): boolean {
  const m = /^(\d{1,4})\.(\d{1,4})$/.exec(version);
  if (!m) return false;
  const major = Number(m[1]), minor = Number(m[2]);
  return major === 1 || (major === 0 && minor >= 1);
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'a JSON array';
  if (value === null) return 'null';
  return `a JSON ${typeof value}`;
}

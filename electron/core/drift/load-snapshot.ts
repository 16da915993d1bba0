import { createHash } from 'node:crypto';
import { decodeText } from '../io/decode-text';
import { isObject } from '../loaders/terraform/plan-format';
import { InputError } from '../model/errors';
import type { DriftSnapshotKind } from './drift-types';
import { parseSnapshotJson } from './snapshot-json';

/** A snapshot file read and recognised; its text is compared by the function for its kind. */
export interface DriftSnapshot {
  readonly kind: DriftSnapshotKind;
  readonly file: string;
  /** sha256 hex of the file's bytes. */
  readonly sha256: string;
  readonly text: string;
}

const EXPECTED = 'expected a drift snapshot: `terraform show -json` of a refresh-only plan, `terraform show -json` of the state, or `kubectl get -o yaml|json` of the vendor\'s namespaces';
const PLAN_KEYS = ['resource_changes', 'resource_drift', 'planned_values', 'prior_state', 'output_changes'];
/** What `terraform show -json` writes for state beside `values` (an empty state has no `values`). */
const STATE_KEYS = new Set(['format_version', 'terraform_version', 'values', 'checks']);

/**
 * Reads a snapshot file and tells which kind it is, refusing anything else (and anything
 * ambiguous) with the file and line:
 * - JSON with `format_version` and plan content (`resource_drift`, `resource_changes`…): a plan,
 *   read for its `resource_drift` (a refresh-only plan, or any plan's drift section);
 * - JSON with `format_version` and only state keys (`values`, `terraform_version`): state;
 * - Kubernetes objects as `kubectl get -o yaml|json` writes them (a `List`, one object, or a YAML
 *   stream): live Kubernetes objects.
 * JSON is read strictly (snapshot-json.ts); the Kubernetes reader checks its YAML itself.
 */
export function loadDriftSnapshot(file: string, bytes: Uint8Array): DriftSnapshot {
  const text = decodeText(bytes, file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { kind: detectKind(file, text), file, sha256, text };
}

function detectKind(file: string, text: string): DriftSnapshotKind {
  const start = text.replace(/^\ufeff/, '').trimStart();
  if (start === '') throw new InputError(file, `file is empty; ${EXPECTED}`, 1, 1);
  if (start.startsWith('{') || start.startsWith('[')) return jsonKind(file, parseSnapshotJson(file, text).value);
  // YAML from kubectl (a List, or a stream of objects): the Kubernetes reader checks the rest.
  if (/^(kind|apiVersion):[ \t]*\S/m.test(text)) return 'kubernetes-live';
  throw new InputError(file, `not JSON, and not Kubernetes YAML (no top-level kind or apiVersion); ${EXPECTED}`, 1, 1);
}

function jsonKind(file: string, value: unknown): DriftSnapshotKind {
  if (!isObject(value)) throw new InputError(file, `not a JSON object; ${EXPECTED}`, 1, 1);
  const kubernetes = typeof value.kind === 'string' && (typeof value.apiVersion === 'string' || (value.kind === 'List' && Object.hasOwn(value, 'items')));
  if (kubernetes) {
    if (Object.hasOwn(value, 'format_version')) throw new InputError(file, `both a Kubernetes object and Terraform output; ${EXPECTED}`, 1, 1);
    return 'kubernetes-live';
  }
  if (!Object.hasOwn(value, 'format_version')) throw new InputError(file, `no "format_version" and not a Kubernetes object or List; ${EXPECTED}`, 1, 1);
  const plan = PLAN_KEYS.some((k) => Object.hasOwn(value, k));
  if (plan) {
    if (Object.hasOwn(value, 'values')) throw new InputError(file, `both plan keys and state "values": neither a plan nor state; ${EXPECTED}`, 1, 1);
    return 'terraform-refresh-plan';
  }
  const other = Object.keys(value).find((k) => !STATE_KEYS.has(k));
  if (other !== undefined) throw new InputError(file, `unexpected key ${JSON.stringify(other.slice(0, 40))} for Terraform state; ${EXPECTED}`, 1, 1);
  return 'terraform-state';
}

import { InputError } from '../../model/errors';
import type { FieldPath, FieldSnippet, ResourceChange, SourceLocation } from '../../model/resource-change';
import { scanEntryLocations } from './entry-locations';
import type { EntryLocations, EntryPosition } from './entry-locations';
import { unknownPaths } from './field-paths';
import { fieldSnippet } from './field-snippet';
import { locateInEntry } from './locate-field';
import type { LocateMemo } from './locate-field';
import { parsePlanJson } from './parse-plan-json';
import { normalizeActions } from './plan-actions';
import { assertSupportedPlan, isObject } from './plan-format';
import type { JsonObject } from './plan-format';
import { buildAddress } from './resource-address';
import { attachReferenceFields, instanceKeyOf } from './resource-references';
import type { ConfigurationSource } from './resource-references';
import { maskSensitive } from './sensitive-values';

export interface TerraformLoadOptions {
  /** Bundle component (from changeset.yaml) stamped on every resource; '' when none. */
  readonly component?: string;
  /**
   * The plan's `configuration` section, read when a policy first needs references
   * (resource-references.ts); default: the `configuration` member of the plan given.
   */
  readonly configuration?: ConfigurationSource;
}

type EntryList = 'resource_changes' | 'resource_drift';

/** Reads `terraform show -json` / `tofu show -json` plan text into ResourceChanges. */
export function loadTerraformPlan(file: string, text: string, options: TerraformLoadOptions = {}): ResourceChange[] {
  return normalizeTerraformPlan(file, text, parsePlanJson(file, text), options);
}

/**
 * Turns a parsed plan into ResourceChanges: every `resource_changes` entry (deletes, no-ops and
 * data-source reads included: policies decide what to skip), then every `resource_drift` entry
 * (drift = true). Sensitive values are masked here, before anything else can see them.
 * `text` is the text `plan` was parsed from: locations come from one scan of it.
 */
export function normalizeTerraformPlan(file: string, text: string, plan: unknown, options: TerraformLoadOptions = {}): ResourceChange[] {
  return normalizeLocatedPlan(file, plan, () => scanEntryLocations(file, text), options);
}

/**
 * normalizeTerraformPlan with the entry locations already found (by scanPlanLayout, for the
 * parallel loader of big plans): `plan` needs only its top-level keys, resource_changes and
 * resource_drift (and `options.configuration` to read the configuration section when asked).
 */
export function normalizeLocatedPlan(file: string, plan: unknown, locations: () => EntryLocations, options: TerraformLoadOptions = {}): ResourceChange[] {
  const top = assertSupportedPlan(file, plan);
  const changes = entryList(file, top, 'resource_changes');
  const drift = entryList(file, top, 'resource_drift');
  const found = locations();
  const component = options.component ?? '';
  const out: ResourceChange[] = [];
  const add = (entries: readonly unknown[], list: EntryList, positions: readonly EntryPosition[]): void => {
    // Positions are trusted only when the scan saw exactly the entries JSON.parse did.
    const aligned = positions.length === entries.length;
    for (let i = 0; i < entries.length; i++) {
      const position = aligned ? positions[i] : undefined;
      const rc = toResourceChange(file, entries[i], list, i, position, component);
      if (position) attachLocate(rc, file, found.text, position);
      out.push(rc);
    }
  };
  add(changes, 'resource_changes', found.resourceChanges);
  add(drift, 'resource_drift', found.resourceDrift);
  // Only the section is kept for later, not the whole parsed plan.
  const configuration = Object.hasOwn(top, 'configuration') ? top.configuration : undefined;
  attachReferenceFields(out, changes.map(instanceKeyOf), options.configuration ?? (() => configuration));
  return out;
}

/** The plan text a resource's entry lies in, and where the entry is. */
interface EntryRef {
  readonly file: string;
  readonly text: string;
  readonly position: EntryPosition;
  /** Made when a first field is located in the entry (most entries never have one). */
  memo?: LocateMemo;
}

/**
 * Entry of each resource that can locate its fields. A side table rather than a closure per
 * resource: `locate` and `snippetAt` are the same two functions for every resource (called
 * as methods), so import allocates one small record per resource and nothing else. The table
 * holds the text only as long as the ChangeSet holding the resources lives.
 */
const ENTRIES = new WeakMap<ResourceChange, EntryRef>();

function locateField(this: ResourceChange, path: FieldPath): SourceLocation | undefined {
  const ref = ENTRIES.get(this);
  return ref && locateInEntry(ref.file, ref.text, ref.position, this.action === 'delete' ? 'before' : 'after', path, (ref.memo ??= {}));
}

function snippetAtField(this: ResourceChange, at: SourceLocation): FieldSnippet | undefined {
  const ref = ENTRIES.get(this);
  return ref && fieldSnippet(ref.file, ref.text, ref.position, this, at);
}

/**
 * Gives a resource its non-enumerable `locate` and `snippetAt` (model/resource-change.ts): the
 * field a policy's `path` names, found lazily in the plan text (locate-field.ts), and the
 * masked-safe text there (field-snippet.ts).
 */
function attachLocate(rc: ResourceChange, file: string, text: string, position: EntryPosition): void {
  ENTRIES.set(rc, { file, text, position });
  // One call with shared descriptors (issue 13): a 15k-resource plan paid two calls and two
  // descriptor objects per resource.
  Object.defineProperties(rc, LOCATE_PROPERTIES);
}

const LOCATE_PROPERTIES: PropertyDescriptorMap = Object.freeze({
  locate: Object.freeze({ value: locateField, enumerable: false }),
  snippetAt: Object.freeze({ value: snippetAtField, enumerable: false }),
});

function entryList(file: string, plan: JsonObject, key: EntryList): readonly unknown[] {
  const value = plan[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InputError(file, `"${key}" must be a list`);
  return value;
}

function toResourceChange(
  file: string, entry: unknown, list: EntryList, index: number, position: EntryPosition | undefined, component: string,
): ResourceChange {
  const location: SourceLocation = { file, line: position?.line ?? 1, column: position?.column ?? 1 };
  const at: EntryAt = { file, list, index, position };
  if (!isObject(entry)) throw entryError(at, 'expected an object');

  const mode = entry.mode ?? 'managed';
  if (mode !== 'managed' && mode !== 'data') throw entryError(at, `unsupported "mode" ${preview(mode)} (expected "managed" or "data")`);
  const type = requiredString(entry, 'type', at);
  const name = requiredString(entry, 'name', at);
  const module = optionalString(entry, 'module_address', at);
  const addressField = entry.address;
  if (addressField !== undefined && typeof addressField !== 'string') throw entryError(at, '"address" must be a string');
  // The early resource_drift format (format 0.1, Terraform 1.0) has no address: build it.
  const address = addressField ?? buildAddress(module, mode, type, name, entry.index);

  const change = entry.change;
  if (!isObject(change)) throw entryError(at, `${address}: "change" must be an object`);
  const actions = change.actions;
  if (!isStringList(actions)) {
    throw entryError(at, `${address}: "change.actions" must be a non-empty list of strings`);
  }
  const action = normalizeActions(actions);
  if (action === undefined) throw entryError(at, `${address}: unsupported actions ${preview(actions)}`);

  const beforeMasked: string[] = [];
  const afterMasked: string[] = [];
  // Terraform always writes both markers (format 0.2+). Should a hand-edited plan carry only
  // one, the attribute is no less sensitive on the other side: use it for both.
  const beforeMarker = change.before_sensitive ?? change.after_sensitive;
  const afterMarker = change.after_sensitive ?? change.before_sensitive;
  // A value sensitive on either side is masked on both, as Terraform shows it: an attribute
  // that becomes sensitive in this plan (before_sensitive {}, after_sensitive {password: true})
  // must not show its old value in `before`, nor one that stops being sensitive its new value.
  const before = maskSensitive(maskSensitive(change.before ?? null, beforeMarker, location, beforeMasked), afterMarker, location, beforeMasked);
  const after = maskSensitive(maskSensitive(change.after ?? null, afterMarker, location, afterMasked), beforeMarker, location, afterMasked);

  return {
    source: 'terraform',
    address,
    type,
    name,
    namespace: '',
    clusterScoped: false,
    apiVersion: optionalString(entry, 'provider_name', at),
    action,
    actions: actions.slice(),
    mode,
    before,
    after,
    // The keys inside a sensitive value stay hidden when unknown too (field-paths.ts).
    unknownPaths: unknownPaths(change.after_unknown, location, [afterMarker, beforeMarker]),
    sensitivePaths: mergePaths(beforeMasked, afterMasked),
    drift: list === 'resource_drift',
    location,
    component,
    module,
    actionReason: optionalString(entry, 'action_reason', at),
  };
}

function isStringList(value: unknown): value is string[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const v of value) if (typeof v !== 'string') return false;
  return true;
}

/** Which entry is being read, for error messages. */
interface EntryAt {
  readonly file: string;
  readonly list: EntryList;
  readonly index: number;
  readonly position: EntryPosition | undefined;
}

function entryError(at: EntryAt, reason: string): InputError {
  return new InputError(at.file, `${at.list}[${at.index}]: ${reason}`, at.position?.line, at.position?.column);
}

function requiredString(entry: JsonObject, key: string, at: EntryAt): string {
  const value = entry[key];
  if (typeof value !== 'string' || value === '') throw entryError(at, `"${key}" must be a non-empty string`);
  return value;
}

function optionalString(entry: JsonObject, key: string, at: EntryAt): string {
  const value = entry[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw entryError(at, `"${key}" must be a string`);
  return value;
}

/** Before and after usually mask the same attributes: list each path once. */
function mergePaths(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** A short, safe rendering of a small bad value for a message (never stringifies deep values). */
function preview(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return `[${value.slice(0, 4).map((v) => preview(v)).join(', ')}${value.length > 4 ? ', …' : ''}]`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

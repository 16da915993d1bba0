import type { ChangeSet } from '../../model/changeset';
import type { Evaluation, EvaluationSummary, Finding, FindingStatus } from '../../model/finding';
import { inputIntegrityFindings } from '../../model/input-integrity';
import type { FieldPath, ResourceChange, SourceLocation } from '../../model/resource-change';
import type { Activation } from '../cel/compile-expression';
import type { CompiledContract } from '../compile/compile-contract';
import type { CompiledPolicy } from '../compile/compile-policy';
import { UnknownValueError, describePaths, mergeUnknown, withUnknowns } from '../cel/unknown-value';
import { describeError } from '../compile/describe-error';
import { labelsMatch } from '../compile/match-stage';
import { ENGINE_VERSION } from '../version';
import { groupByKind } from './kind-groups';
import { mergeSameControls } from './merge-same-controls';
import type { KindGroup } from './kind-groups';
import { labelsBefore, labelsOf, readsReferences, resourceView, runsPartially, viewHoldsUnknowns } from './resource-view';
import type { ResourceView } from './resource-view';
import { verdictOf } from '../../base/verdict';

export function changesetVariable(cs: Pick<ChangeSet, 'digest' | 'metadata'>): Record<string, string> {
  const m = cs.metadata;
  return {
    digest: cs.digest, vendor: m.vendor, app: m.app, install: m.install, release: m.release,
    previousRelease: m.previousRelease, createdAt: m.createdAt, plannedApplyAt: m.plannedApplyAt, description: m.description,
  };
}

/** A CEL list of strings/ints → FieldPath, or undefined when it is anything else. */
function toFieldPath(v: unknown): FieldPath | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: (string | number)[] = [];
  for (const step of v) {
    if (typeof step === 'string') out.push(step);
    else if (typeof step === 'bigint') out.push(Number(step));
    else if (typeof step === 'number' && Number.isInteger(step)) out.push(step);
    else return undefined;
  }
  return out;
}

/** What a policy's `path` gave on a resource: its CEL value, or null when it threw. */
export type PathRun = { readonly value: unknown } | null;

function locate(cp: CompiledPolicy, r: ResourceChange, activation: Activation, ran: Map<string, PathRun> | undefined): SourceLocation {
  if (cp.path && r.locate) {
    let value: PathRun = null;
    try {
      value = { value: runsPartially(r, cp.policy) ? cp.path.runPartial(activation) : cp.path.run(activation) };
      const path = toFieldPath(value.value);
      const at = path && r.locate(path);
      if (at) return at;
    } catch {
      // A path that cannot be computed only loses precision: point at the resource.
    } finally {
      ran?.set(cp.policy.id, value);
    }
  }
  return r.location;
}

function finding(cp: CompiledPolicy, r: ResourceChange, status: FindingStatus, message: string, location: SourceLocation): Finding {
  const p = cp.policy;
  return {
    policy: p.id,
    title: p.title,
    resource: { address: r.address, source: r.source, type: r.type, action: r.action, drift: r.drift },
    status,
    enforcement: p.enforcement,
    severity: p.severity,
    message,
    location,
    remediation: p.remediation,
    ...(p.shadow === true ? { shadow: true as const } : {}),
  };
}

/** The finding of a decision that depends on values known only after apply. */
function unknownFinding(cp: CompiledPolicy, r: ResourceChange, err: UnknownValueError, location: SourceLocation): Finding {
  return finding(cp, r, 'unknown', `${cp.policy.title}: cannot be decided before apply; depends on ${describePaths(err.paths)} (known only after apply)`, location);
}

function count(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

/**
 * What the evaluation gave a resource's policies to read (`resource`, `object`, `oldObject`),
 * kept for the resources with findings when the caller asks (`keepActivations`), so that
 * explaining those findings (explain-findings.ts) does not build it all again.
 */
export interface ResourceActivation {
  readonly view: ResourceView;
  readonly object: unknown;
  readonly oldObject: unknown;
  /** By policy id: what the policy's `path` gave when its finding was located. */
  readonly paths: ReadonlyMap<string, PathRun>;
}

export interface EvaluateOptions {
  readonly at: Date;
  /** Filled with the activation of each resource that has a policy finding. */
  readonly keepActivations?: Map<ResourceChange, ResourceActivation>;
}

/**
 * Evaluates every enabled policy against every resource it matches. Never throws: a CEL error
 * on a resource, or a resource whose view cannot be built, is an `error` finding (fail closed);
 * a result that depends on values unknown until apply is an `unknown` finding.
 */
export function evaluateChangeSet(cs: ChangeSet, compiled: CompiledContract, options: EvaluateOptions): Evaluation {
  const at = options.at;
  const atValid = at instanceof Date && !Number.isNaN(at.getTime());
  const policies = compiled.policies.filter((cp) => cp.policy.enabled);
  // Kind criteria are decided once per kind of resource, before the loop (see kind-groups.ts).
  const kinds = groupByKind(cs.resources, policies);
  const findings: Finding[] = [];
  const byAction: Record<string, number> = {};
  for (const g of kinds.groups) byAction[g.action] = (byAction[g.action] ?? 0) + g.size;
  const matchedByPolicy: Record<string, number> = Object.fromEntries(policies.map((cp) => [cp.policy.id, 0]));
  let evaluations = 0;

  // One activation object for the whole run: only its fields change between evaluations.
  const activation: Activation = { resource: null, object: null, oldObject: null, params: null, changeset: changesetVariable(cs), now: atValid ? at : new Date(0) };

  const resources = cs.resources;
  const checks = resources.length * policies.length;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i] as ResourceChange;
    const candidates = kinds.of[i] as KindGroup;
    // Input the cluster would read differently blocks, whatever the contract (model/input-integrity.ts).
    if (r.inputProblems?.length) findings.push(...inputIntegrityFindings(r));
    if (candidates.policies.length === 0 && candidates.failed.length === 0) continue;
    for (const [cp, err] of candidates.failed) {
      findings.push(finding(cp, r, 'error', `could not match the resource: ${describeError(err)}`, r.location));
    }
    // A resource with values unknown until apply is evaluated with them in place, by each
    // expression's partial-evaluation twin (unknown-value.ts); other resources pay nothing.
    const partial = r.unknownPaths.length > 0;
    let partialAfter: unknown; // built on first use, for this resource only
    let labels: Readonly<Record<string, unknown>> | undefined;
    let beforeLabels: Readonly<Record<string, unknown>> | undefined;
    let view: ResourceView | undefined;
    let viewError: unknown;
    const findingsBefore = findings.length;
    const paths = options.keepActivations ? new Map<string, PathRun>() : undefined;
    for (const cp of candidates.policies) {
      // Set when whether the policy applies depends on unknown labels: only a pass settles it.
      let matchUnknown: UnknownValueError | undefined;
      if (cp.matches.labels.length > 0) {
        try {
          // Before or after the change (resource-view.ts labelsBefore): the before values are known.
          if (!labelsMatch(cp.matches.labels, (beforeLabels ??= labelsBefore(r)))) {
            labels ??= partial ? labelsOf(r, (partialAfter ??= withUnknowns(r.after ?? null, r.unknownPaths))) : labelsOf(r);
            if (!labelsMatch(cp.matches.labels, labels)) continue;
          }
        } catch (err) {
          if (err instanceof UnknownValueError) {
            matchUnknown = err;
          } else {
            findings.push(finding(cp, r, 'error', `could not match the resource: ${describeError(err)}`, r.location));
            continue;
          }
        }
      }
      evaluations++;
      matchedByPolicy[cp.policy.id] = (matchedByPolicy[cp.policy.id] ?? 0) + 1;
      if (!view && viewError === undefined) {
        try {
          if (partial) partialAfter ??= withUnknowns(r.after ?? null, r.unknownPaths);
          view = resourceView(r, labels ?? (partial ? labelsOf(r, partialAfter) : labelsOf(r)));
          activation.resource = view;
          activation.object = (partial ? partialAfter : r.after) ?? null;
          activation.oldObject = r.before ?? null;
        } catch (err) {
          viewError = err ?? new Error('unknown error');
        }
      }
      if (!view) {
        findings.push(finding(cp, r, 'error', `could not prepare the resource for evaluation: ${describeError(viewError)}`, r.location));
        continue;
      }
      if (!atValid) {
        findings.push(finding(cp, r, 'error', 'invalid evaluation time', r.location));
        continue;
      }
      activation.params = cp.params;
      // The view may hold unknowns of its own, references not resolved (resource-view.ts).
      const runPartial = partial || (readsReferences(cp.policy) && viewHoldsUnknowns(r));
      let result: unknown;
      try {
        result = runPartial ? cp.condition.runPartial(activation) : cp.condition.run(activation);
      } catch (err) {
        if (err instanceof UnknownValueError || matchUnknown) {
          const unknown = err instanceof UnknownValueError ? err : (matchUnknown as UnknownValueError);
          findings.push(unknownFinding(cp, r, matchUnknown && unknown !== matchUnknown ? mergeUnknown([matchUnknown, unknown]) : unknown, locate(cp, r, activation, paths)));
        } else {
          findings.push(finding(cp, r, 'error', `condition could not be evaluated: ${describeError(err)}`, locate(cp, r, activation, paths)));
        }
        continue;
      }
      if (result === true) continue;
      if (matchUnknown) {
        findings.push(unknownFinding(cp, r, matchUnknown, locate(cp, r, activation, paths)));
        continue;
      }
      if (result === false) {
        let message: string;
        try {
          message = cp.message(activation, runPartial);
        } catch (err) {
          message = `${cp.policy.title} <error: ${describeError(err)}>`;
        }
        findings.push(finding(cp, r, 'fail', message, locate(cp, r, activation, paths)));
      } else {
        findings.push(finding(cp, r, 'error', `condition returned ${result === null ? 'null' : typeof result}, not a bool`, locate(cp, r, activation, paths)));
      }
    }
    if (view && options.keepActivations && findings.length > findingsBefore) {
      options.keepActivations.set(r, { view, object: activation.object, oldObject: activation.oldObject, paths: paths ?? new Map() });
    }
  }

  mergeSameControls(findings, policies); // one finding per shared standard control and resource
  const byEnforcement: Record<string, number> = {};
  const bySeverity: Record<string, number> = {};
  let errors = 0;
  let unknowns = 0;
  for (const f of findings) {
    count(byEnforcement, f.enforcement);
    count(bySeverity, f.severity);
    if (f.status === 'error') errors++;
    else if (f.status === 'unknown') unknowns++;
  }
  const summary: EvaluationSummary = {
    resources: cs.resources.length, byAction, findings: findings.length, byEnforcement, bySeverity, errors, unknowns, checks, evaluations, matchedByPolicy,
  };
  return { verdict: verdictOf(findings), findings, summary, at: atValid ? at.toISOString() : '', engineVersion: ENGINE_VERSION };
}

import type { ZodError } from 'zod';
import { InputError } from '../../../model/errors';
import type { PolicyMatch } from '../../../model/policy';
import { CelCompileError, compileExpression } from '../../cel/compile-expression';
import { compileMessageTemplate } from '../../compile/message-template';
import { POLICY_ID } from '../schemas';
import { scanCel } from './cel-scan';
import { bindVariables, freshPrefix, literalTemplate, objectSelectorCel, refusedIdentifier } from './vap-cel';
import { readVapDocuments } from './vap-documents';
import type { VapDocument } from './vap-documents';
import { MatchRefusal, matchFromConstraints } from './vap-match';
import { vapBindingSchema, vapSchema } from './vap-schema';
import type { Vap } from './vap-schema';

/** A Countersign own policy made from one VAP validation, as the mapping a contract's spec.policies holds. */
export interface ImportedPolicy {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: 'medium';
  readonly enforcement: 'deny' | 'advisory';
  readonly match: PolicyMatch;
  readonly parameters?: Readonly<Record<string, { readonly description: string; readonly default: null }>>;
  readonly condition: string;
  readonly message: string;
}

export interface VapImport {
  readonly policies: readonly ImportedPolicy[];
  /** What the reviewer must know (parameters to set, a failurePolicy not kept…). */
  readonly notes: readonly string[];
}

/**
 * Kubernetes ValidatingAdmissionPolicy YAML (admissionregistration.k8s.io/v1, one or more
 * documents; bindings in the same file give the enforcement) → Countersign own policies, one
 * per `validations[]` entry. The mapping is exact or refused with the line and the reason:
 * request-time variables (`request`, `authorizer`, `namespaceObject`), match constraints a
 * change set cannot judge, functions Countersign's CEL lacks. docs/contract-format.md,
 * "Importing ValidatingAdmissionPolicy", lists the differences.
 */
export function importVap(file: string, text: string, takenIds: ReadonlySet<string> = new Set()): VapImport {
  const docs = readVapDocuments(file, text).filter((d) => d.data !== null && d.data !== undefined);
  const kindOf = (d: VapDocument) => (typeof d.data === 'object' && d.data !== null ? (d.data as { kind?: unknown }).kind : undefined);
  const actions = new Map<string, Set<string>>();
  for (const d of docs.filter((x) => kindOf(x) === 'ValidatingAdmissionPolicyBinding')) {
    const b = vapBindingSchema.safeParse(d.data);
    if (!b.success) throw zodError(d, b.error);
    const set = actions.get(b.data.spec.policyName) ?? new Set<string>();
    b.data.spec.validationActions.forEach((a) => set.add(a));
    actions.set(b.data.spec.policyName, set);
  }
  const policies: ImportedPolicy[] = [];
  const notes: string[] = [];
  const ids = new Set(takenIds);
  for (const d of docs) {
    const kind = kindOf(d);
    if (kind === 'ValidatingAdmissionPolicyBinding') continue;
    if (kind !== 'ValidatingAdmissionPolicy') throw d.errorAt(['kind'], `document ${d.index + 1} is ${typeof kind === 'string' ? `a ${kind}` : 'not a Kubernetes object'}, not a ValidatingAdmissionPolicy`);
    const parsed = vapSchema.safeParse(d.data);
    if (!parsed.success) throw zodError(d, parsed.error);
    const made = policiesOf(d, parsed.data, actions.get(parsed.data.metadata.name), ids);
    made.policies.forEach((p) => ids.add(p.id));
    policies.push(...made.policies);
    notes.push(...made.notes);
  }
  if (policies.length === 0) throw new InputError(file, 'holds no ValidatingAdmissionPolicy with validations to import');
  return { policies, notes };
}

function policiesOf(d: VapDocument, vap: Vap, bound: ReadonlySet<string> | undefined, taken: ReadonlySet<string>): VapImport {
  const spec = vap.spec;
  const name = vap.metadata.name;
  const validations = spec.validations ?? [];
  if (validations.length === 0) throw d.errorAt(['spec'], `ValidatingAdmissionPolicy ${name} has no validations (auditAnnotations alone decide nothing)`);
  let match: PolicyMatch;
  try {
    match = matchFromConstraints(spec.matchConstraints ?? {});
  } catch (err) {
    if (err instanceof MatchRefusal) throw d.errorAt(['spec', 'matchConstraints', ...err.path], err.message);
    throw err;
  }
  // objectSelector: old or new labels (objectSelectorCel), so it is a guard, not match.labels.
  const selector = match.labels ? objectSelectorCel(match.labels as Record<string, string>) : null;
  if (match.labels) {
    const { labels: _labels, ...rest } = match;
    match = rest;
  }
  const variables = spec.variables ?? [];
  const conditions = spec.matchConditions ?? [];
  // Every expression is checked where it is written, so a refusal names its own line.
  const checkAt = (path: (string | number)[], source: string) => {
    const refused = refusedIdentifier(source);
    if (refused) throw d.errorAt(path, refused.why);
    if (!spec.paramKind && scanCel(source).identifiers.some((i) => i.name === 'params')) throw d.errorAt(path, 'uses `params`, but the policy declares no spec.paramKind');
  };
  variables.forEach((v, i) => checkAt(['spec', 'variables', i, 'expression'], v.expression));
  conditions.forEach((c, i) => checkAt(['spec', 'matchConditions', i, 'expression'], c.expression));
  const enforcement = !bound || bound.has('Deny') ? 'deny' : 'advisory';
  const notes: string[] = [];
  if (!bound) notes.push(`${name}: no binding in the file; imported as deny (a binding's validationActions [Warn]/[Audit] would import as advisory)`);
  if (spec.failurePolicy === 'Ignore') notes.push(`${name}: failurePolicy Ignore is not kept: Countersign reports an expression error as an error finding (fail closed)`);
  if (spec.auditAnnotations?.length) notes.push(`${name}: auditAnnotations are not imported (they decide nothing)`);
  const base = slug(name);
  const params = spec.paramKind ? paramsRead([...variables.map((v) => v.expression), ...conditions.map((c) => c.expression), ...validations.flatMap((v) => [v.expression, v.messageExpression ?? ''])]) : [];
  if (spec.paramKind && params.length > 0) notes.push(`${name}: set spec.parameters for ${params.map((p) => `params.${p}`).join(', ')} (the ${spec.paramKind.kind} its binding named); until then the policy reports errors`);
  const policies = validations.map((v, i): ImportedPolicy => {
    const at = (field: string) => ['spec', 'validations', i, field];
    checkAt(at('expression'), v.expression);
    if (v.messageExpression !== undefined) checkAt(at('messageExpression'), v.messageExpression);
    const id = validations.length > 1 ? `${base.slice(0, 95)}-${i + 1}` : base;
    if (taken.has(id)) throw d.errorAt(['metadata', 'name'], `policy "${id}" is already in the contract (import it once, or rename the ValidatingAdmissionPolicy)`);
    const guards = [...(selector ? [selector] : []), ...conditions.map((c) => c.expression)];
    const guarded = guards.length === 0 ? v.expression : `${guards.map((c) => `!(\n${c}\n)`).join(' || ')} || (\n${v.expression}\n)`;
    const prefix = freshPrefix([...variables.map((x) => x.expression), guarded, v.messageExpression ?? '']);
    const condition = bind(d, at('expression'), guarded, variables, prefix);
    try {
      compileExpression(condition);
    } catch (err) {
      if (err instanceof CelCompileError) throw d.errorAt(at('expression'), `does not compile as a Countersign condition: ${err.reason}`);
      throw err;
    }
    const message = messageOf(d, at, v, variables, prefix);
    return {
      id,
      title: `${name}${validations.length > 1 ? ` #${i + 1}` : ''}`.slice(0, 200),
      description: `Imported from ValidatingAdmissionPolicy ${name}, validations[${i}]${v.reason ? ` (reason ${v.reason})` : ''}.`,
      severity: 'medium',
      enforcement,
      match,
      ...(params.length > 0 ? { parameters: Object.fromEntries(params.map((p) => [p, { description: `params.${p} of the ${spec.paramKind!.kind} the binding names (null until set: the policy then reports errors)`, default: null }])) } : {}),
      condition,
      message,
    };
  });
  return { policies, notes };
}

function bind(d: VapDocument, path: (string | number)[], source: string, variables: Vap['spec']['variables'] & object, prefix: string): string {
  try {
    return bindVariables(source, variables, prefix);
  } catch (err) {
    if (err instanceof CelCompileError) throw d.errorAt(path, `is not valid CEL: ${err.reason}`);
    throw d.errorAt(path, (err as Error).message);
  }
}

function messageOf(d: VapDocument, at: (f: string) => (string | number)[], v: NonNullable<Vap['spec']['validations']>[number], variables: NonNullable<Vap['spec']['variables']>, prefix: string): string {
  let message = literalTemplate(v.message ?? `failed expression: ${v.expression}`);
  if (v.messageExpression !== undefined) {
    const expr = bind(d, at('messageExpression'), v.messageExpression, variables, prefix);
    if (expr.includes('}}')) throw d.errorAt(at('messageExpression'), 'holds "}}", which ends a Countersign message segment: write it without "}}" (e.g. "} }")');
    message = `{{ ${expr} }}`;
  }
  try {
    compileMessageTemplate(message);
  } catch (err) {
    if (err instanceof CelCompileError) throw d.errorAt(at(v.messageExpression !== undefined ? 'messageExpression' : 'message'), `does not compile as a Countersign message: ${err.reason}`);
    throw err;
  }
  return message;
}

/** Top-level fields read as params.<field>, in order of appearance. */
function paramsRead(sources: readonly string[]): readonly string[] {
  return [...new Set(sources.filter((s) => s !== '').flatMap((s) => scanCel(s).selections.filter((x) => x.root === 'params').map((x) => x.field)))];
}

/** A policy id from a VAP name: lowercase, [a-z0-9-] only. */
function slug(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'vap';
  return POLICY_ID.test(s) ? s : `vap-${s}`.slice(0, 100);
}

function zodError(d: VapDocument, error: ZodError): InputError {
  const issue = error.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const field = path.join('.');
  if (issue.code === 'unrecognized_keys') return d.errorAt(path, `unknown field "${[field, issue.keys[0]].filter(Boolean).join('.')}" (not read by this import, so refused rather than ignored)`);
  return d.errorAt(path, `${field || 'document'}: ${issue.message}`);
}

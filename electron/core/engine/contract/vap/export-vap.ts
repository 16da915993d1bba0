import { stringify } from 'yaml';
import { InputError } from '../../../model/errors';
import type { Policy } from '../../../model/policy';
import { outerBind, replaceSpans, scanCel } from './cel-scan';
import { celString } from './vap-cel';
import { constraintsFromMatch } from './vap-match';

/** A policy that cannot be a ValidatingAdmissionPolicy, and why (a bad input: the caller asked for it). */
export class VapExportRefusal extends InputError {}

/**
 * CEL functions and macros the Kubernetes apiserver's CEL has (the standard library and the
 * Kubernetes libraries: strings, lists, regex, optional), as
 * https://kubernetes.io/docs/reference/using-api/cel/ lists them. Countersign's domain
 * functions (image, glob, lookup, cidrContains, inWindow…) are not among them.
 */
const APISERVER_FUNCTIONS = new Set([
  'size', 'has', 'matches', 'startsWith', 'endsWith', 'contains', 'all', 'exists', 'exists_one', 'map', 'filter',
  'int', 'uint', 'double', 'string', 'bool', 'bytes', 'duration', 'timestamp', 'dyn', 'type',
  'getDate', 'getDayOfMonth', 'getDayOfWeek', 'getDayOfYear', 'getFullYear', 'getHours', 'getMilliseconds', 'getMinutes', 'getMonth', 'getSeconds',
  'lowerAscii', 'upperAscii', 'split', 'join', 'replace', 'trim', 'indexOf', 'lastIndexOf', 'substring', 'charAt', 'format', 'quote',
  'isSorted', 'sum', 'min', 'max', 'find', 'findAll', 'orValue', 'hasValue', 'value', 'or', 'optMap', 'optFlatMap', 'of', 'none',
]);
const SEGMENT = /\{\{([\s\S]*?)\}\}/g;
const BOUND = /^vap\d*_(.+)$/;

/**
 * One policy as a ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1) YAML document:
 * its match as matchConstraints, its condition as the validation, its message as
 * messageExpression, its parameters' values inlined. Refused (VapExportRefusal) when that
 * would not mean the same: non-Kubernetes matches, Countersign-only variables (`resource`,
 * `changeset`, `now`) or domain functions the apiserver lacks.
 */
export function exportVap(policy: Policy, params: Readonly<Record<string, unknown>>): string {
  const refuse = (why: string) => new VapExportRefusal(`policy ${policy.id}`, `cannot be a ValidatingAdmissionPolicy: ${why}`);
  let matchConstraints: Record<string, unknown>;
  try {
    matchConstraints = constraintsFromMatch(policy.match);
  } catch (err) {
    throw refuse((err as Error).message);
  }
  const variables: { name: string; expression: string }[] = [];
  // Undo the import's cel.bind of VAP variables: they become spec.variables again.
  const unwrap = (text: string): string => {
    let out = text;
    for (let bind = outerBind(out); bind && BOUND.test(bind.name); bind = outerBind(out)) {
      const name = BOUND.exec(bind.name)![1]!;
      const expression = out.slice(bind.init.start, bind.init.end);
      const known = variables.find((v) => v.name === name);
      if (known && known.expression !== expression) throw refuse(`variable ${name} is bound to two different expressions`);
      if (!known) variables.push({ name, expression });
      out = out.slice(bind.body.start, bind.body.end);
    }
    return out;
  };
  const condition = unwrap(inlineParams(policy.condition, params, refuse));
  const unbound = (text: string) => replaceSpans(text, scanCel(text).identifiers.filter((i) => BOUND.test(i.name)).map((i) => ({ ...i, text: `variables.${BOUND.exec(i.name)![1]}` })));
  const check = (text: string, where: string) => {
    const scan = scanCel(text);
    for (const id of scan.identifiers) {
      if (['resource', 'changeset', 'now'].includes(id.name)) throw refuse(`its ${where} reads \`${id.name}\`, a Countersign variable the apiserver does not have`);
      if (id.name === 'params') throw refuse(`its ${where} reads \`params\` as a whole (only params.<name> can be inlined)`);
    }
    for (const call of scan.calls) {
      if (call.name === 'bind' && call.receiver === 'cel') throw refuse(`its ${where} uses cel.bind, which not every Kubernetes release's CEL has`);
      const optional = call.receiver === 'optional' && ['of', 'none', 'ofNonZeroValue'].includes(call.name);
      if (!optional && !APISERVER_FUNCTIONS.has(call.name)) throw refuse(`its ${where} calls ${call.name}(), a Countersign function the apiserver's CEL lacks`);
    }
  };
  const spec: Record<string, unknown> = { failurePolicy: 'Fail', matchConstraints };
  const expression = unbound(condition);
  check(expression, 'condition');
  const validation: Record<string, unknown> = { expression, message: policy.title };
  const messageExpression = messageExpressionOf(inlineParams(policy.message, params, refuse), unwrap);
  if (messageExpression !== null) {
    check(messageExpression, 'message');
    validation.messageExpression = unbound(messageExpression);
  } else if (policy.message.trim() !== '') validation.message = policy.message;
  if (variables.length > 0) {
    // Declaration order: a variable only reads those bound outside it, i.e. found before it.
    spec.variables = variables.map((v) => ({ name: v.name, expression: unbound(v.expression) }));
    (spec.variables as { name: string; expression: string }[]).forEach((v) => check(v.expression, `variable ${v.name}`));
  }
  spec.validations = [validation];
  const doc = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: policy.id, annotations: { 'countersign.dev/policy': policy.id, 'countersign.dev/enforcement': policy.enforcement } },
    spec,
  };
  return `# Exported by Countersign from policy ${policy.id}. Bind it with a ValidatingAdmissionPolicyBinding\n# (validationActions: [Deny] for enforcement deny/mandatory).\n${stringify(doc, { lineWidth: 0 })}`;
}

/** params.<name> replaced by the value in force, as a CEL literal (a VAP reads parameters from a resource instead). */
function inlineParams(source: string, params: Readonly<Record<string, unknown>>, refuse: (why: string) => Error): string {
  if (!source.includes('params')) return source;
  const edit = (text: string) => replaceSpans(text, scanCel(text).selections.filter((s) => s.root === 'params').map((s) => {
    if (!(s.field in params)) throw refuse(`it reads params.${s.field}, which it does not declare`);
    return { start: s.start, end: s.end, text: celLiteral(params[s.field], refuse) };
  }));
  if (!source.includes('{{')) return edit(source);
  return source.replace(SEGMENT, (_m, inner: string) => `{{${edit(inner)}}}`);
}

/** A message template as a CEL string expression, or null when it is plain text. */
function messageExpressionOf(message: string, unwrap: (cel: string) => string): string | null {
  const parts: string[] = [];
  let last = 0;
  for (const m of message.matchAll(SEGMENT)) {
    if (m.index > last) parts.push(celString(message.slice(last, m.index)));
    parts.push(`string(${unwrap((m[1] ?? '').trim())})`);
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return null;
  if (last < message.length) parts.push(celString(message.slice(last)));
  return parts.join(' + ');
}

function celLiteral(v: unknown, refuse: (why: string) => Error): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return celString(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw refuse(`a parameter value ${v} has no CEL literal`);
    return Number.isInteger(v) ? String(v) : String(v).includes('.') || String(v).includes('e') ? String(v) : `${v}.0`;
  }
  if (Array.isArray(v)) return `[${v.map((x) => celLiteral(x, refuse)).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${celString(k)}: ${celLiteral(x, refuse)}`).join(', ')}}`;
  throw refuse(`a parameter value of type ${typeof v} has no CEL literal`);
}

import { replaceSpans, scanCel } from './cel-scan';

/** VAP variables with no meaning before apply: they describe the API request, not the object. */
export const REQUEST_ONLY_VARIABLES: Readonly<Record<string, string>> = {
  request: 'the admission request (user, operation, dry run), which exists only when the apiserver receives the object',
  authorizer: "the apiserver's authorization check of the requesting user, which exists only at admission",
  namespaceObject: "the live Namespace object from the cluster, which a change set does not carry",
};

/** Countersign variables a VAP does not have: an expression naming them would read ours. */
export const COUNTERSIGN_ONLY_VARIABLES = ['resource', 'changeset', 'now'] as const;

/** Why an identifier may not appear in an imported expression, or null. */
export function refusedIdentifier(source: string): { readonly name: string; readonly offset: number; readonly why: string } | null {
  for (const id of scanCel(source).identifiers) {
    const why = REQUEST_ONLY_VARIABLES[id.name];
    if (why !== undefined) return { name: id.name, offset: id.start, why: `uses \`${id.name}\`: ${why}; it has no meaning before apply` };
    if ((COUNTERSIGN_ONLY_VARIABLES as readonly string[]).includes(id.name)) {
      return { name: id.name, offset: id.start, why: `uses \`${id.name}\`, which is not a ValidatingAdmissionPolicy variable (here it would read Countersign's \`${id.name}\`)` };
    }
  }
  return null;
}

export interface VariableDef {
  readonly name: string;
  readonly expression: string;
}

/**
 * Replaces `variables.x` with nested `cel.bind` of the variables the expression needs (in
 * declaration order, each seeing the earlier ones): Countersign has no `variables`. Only
 * what the expression reads is bound. Throws a message for an unknown or bare `variables`.
 */
export function bindVariables(source: string, defs: readonly VariableDef[], prefix: string): string {
  const byName = new Map(defs.map((d, i) => [d.name, { ...d, index: i }]));
  const needed = new Set<string>();
  const visit = (text: string) => {
    for (const name of variableRefs(text)) {
      const def = byName.get(name);
      if (!def) throw new Error(`reads variables.${name}, which spec.variables does not define`);
      if (!needed.has(name)) {
        needed.add(name);
        visit(def.expression);
      }
    }
  };
  visit(source);
  if (needed.size === 0) return source;
  const ordered = defs.filter((d) => needed.has(d.name));
  let out = renameRefs(source, prefix);
  for (const d of [...ordered].reverse()) out = `cel.bind(${prefix}${d.name},\n${renameRefs(d.expression, prefix)}\n,\n${out}\n)`;
  return out;
}

/** The variable names an expression reads as `variables.<name>`; a bare `variables` is refused. */
export function variableRefs(source: string): readonly string[] {
  const scan = scanCel(source);
  const refs = scan.selections.filter((s) => s.root === 'variables');
  const bare = scan.identifiers.filter((i) => i.name === 'variables' && !refs.some((r) => r.start === i.start));
  if (bare.length > 0) throw new Error('reads `variables` as a whole; read one variable (variables.name)');
  return [...new Set(refs.map((r) => r.field))];
}

function renameRefs(source: string, prefix: string): string {
  const refs = scanCel(source).selections.filter((s) => s.root === 'variables');
  return replaceSpans(source, refs.map((r) => ({ start: r.start, end: r.end, text: `${prefix}${r.field}` })));
}

/** A prefix for bound variable names that no identifier of these expressions starts with. */
export function freshPrefix(sources: readonly string[]): string {
  const ids = sources.filter((s) => s.trim() !== '').flatMap((s) => scanCel(s).identifiers.map((i) => i.name));
  for (let n = 0; ; n++) {
    const prefix = n === 0 ? 'vap_' : `vap${n}_`;
    if (!ids.some((id) => id.startsWith(prefix))) return prefix;
  }
}

/**
 * A VAP message as a Countersign message template: literal text stays literal. Text holding
 * `{{` or `}}` (which a template would read as CEL) becomes one CEL string segment with the
 * braces escaped.
 */
export function literalTemplate(text: string): string {
  if (!text.includes('{{') && !text.includes('}}')) return text;
  return `{{ ${celString(text)} }}`;
}

/** A CEL string literal for any text: braces, quotes, backslashes and controls escaped. */
export function celString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '{' || ch === '}') out += `\\x${code.toString(16)}`;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * A VAP objectSelector's matchLabels as CEL: the apiserver runs the policy when the old OR the
 * new object carries the labels (so removing a label in an update does not skip it), while
 * match.labels reads only the new object's. Null objects (create, delete) never match.
 */
export function objectSelectorCel(labels: Readonly<Record<string, string>>): string {
  const on = (o: string) => `(${o} != null && has(${o}.metadata) && has(${o}.metadata.labels) && ${Object.entries(labels)
    .map(([k, v]) => `${celString(k)} in ${o}.metadata.labels && ${o}.metadata.labels[${celString(k)}] == ${celString(v)}`).join(' && ')})`;
  return `${on('object')} || ${on('oldObject')}`;
}

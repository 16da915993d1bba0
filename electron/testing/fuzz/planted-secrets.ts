/**
 * Secrets planted in fuzz inputs, and the search for them in every output. A marker is planted
 * only where the loader must treat it as secret (Secret data, Terraform sensitive values), and
 * after the structure mutations, so a mutation cannot turn it into an ordinary value.
 */
import fc from 'fast-check';
import type { Tree } from './tree-mutations';

export const marker = fc.integer({ min: 0, max: 0xffffff }).map((n) => `FZSECRET${n.toString(16).padStart(6, '0')}Q`);

/** The spellings of a marker an output could carry: as is, and base64 (how Secret `data` holds it). */
export function markerForms(m: string): string[] {
  return [m, Buffer.from(m).toString('base64').replace(/=+$/, '')];
}

/** Every marker form found in `text` (empty when clean). */
export function findSecrets(text: string, secrets: readonly string[]): string[] {
  return secrets.flatMap((s) => markerForms(s).filter((form) => text.includes(form)));
}

/** The ways a Kubernetes Secret can be written; each must be masked alike (issue 7 hole 4). */
export const SECRET_STYLES = [
  'block', 'flow', 'quoted-keys', 'next-line', 'str-tag', 'literal-block', 'data-base64', 'quoted-kind', 'list-items', 'json-escaped-kind',
  'flow-document', 'quoted-kind-key', 'kind-next-line', 'kind-str-tag', 'kind-anchor', 'json-document',
] as const;
export type SecretStyle = (typeof SECRET_STYLES)[number];

/** One YAML document (no `---`) holding a Secret whose value is the marker, in the given style. */
export function secretDocument(style: SecretStyle, m: string, name = 'fuzz-secret'): string {
  const b64 = Buffer.from(m).toString('base64');
  const head = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: default\ntype: Opaque\n`;
  switch (style) {
    case 'block': return `${head}stringData:\n  password: ${m}\n`;
    case 'flow': return `${head}stringData: {password: ${m}, user: admin}\n`;
    case 'quoted-keys': return `${head}"stringData":\n  "password": '${m}'\n`;
    case 'next-line': return `${head}stringData:\n  password:\n    ${m}\n`;
    case 'str-tag': return `${head}stringData:\n  password: !!str ${m}\n`;
    case 'literal-block': return `${head}stringData:\n  password: |\n    ${m}\n`;
    case 'data-base64': return `${head}data:\n  token: ${b64}\n`;
    case 'quoted-kind': return `apiVersion: v1\nkind: "Secret"\nmetadata: {name: ${name}}\nstringData:\n  password: ${m}\n`;
    case 'list-items': return `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Secret\n    metadata: {name: ${name}}\n    stringData: {password: ${m}}\n`;
    // The kind itself spelled so that a line-based "kind: Secret" match misses it.
    case 'flow-document': return `{apiVersion: v1, kind: Secret, metadata: {name: ${name}}, stringData: {password: ${m}}}\n`;
    case 'quoted-kind-key': return `apiVersion: v1\n"kind": Secret\nmetadata: {name: ${name}}\nstringData:\n  password: ${m}\n`;
    case 'kind-next-line': return `apiVersion: v1\nkind:\n  Secret\nmetadata: {name: ${name}}\nstringData:\n  password: ${m}\n`;
    case 'kind-str-tag': return `apiVersion: v1\nkind: !!str Secret\nmetadata: {name: ${name}}\nstringData:\n  password: ${m}\n`;
    case 'kind-anchor': return `apiVersion: v1\nkind: &k Secret\nmetadata: {name: ${name}}\nstringData:\n  password: ${m}\n`;
    case 'json-document': return `{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "${name}"}, "stringData": {"password": "${m}"}}\n`;
    case 'json-escaped-kind': return `{"apiVersion": "v1", "kind": "Secr\\u0065t", "metadata": {"name": "${name}"}, "stringData": {"password": "${m}"}}\n`;
  }
}

/**
 * Marks one attribute of a plan's resource change sensitive and sets it to the marker, as
 * Terraform writes it: the value in clear in before/after, `true` at the same place in
 * *_sensitive, and the value again in planned_values / prior_state. Returns false when the
 * (mutated) plan has no resource change with an object `after` to plant in.
 */
export function plantSensitive(plan: Tree, pick: number, m: string): boolean {
  if (plan === null || typeof plan !== 'object' || Array.isArray(plan)) return false;
  const changes = plan.resource_changes;
  if (!Array.isArray(changes)) return false;
  const candidates = changes.filter((rc): rc is { [k: string]: Tree } => {
    if (rc === null || typeof rc !== 'object' || Array.isArray(rc)) return false;
    const change = rc.change;
    if (change === null || typeof change !== 'object' || Array.isArray(change)) return false;
    const after = change.after;
    const sens = change.after_sensitive;
    return after !== null && typeof after === 'object' && !Array.isArray(after)
      && (sens === undefined || sens === false || (sens !== null && typeof sens === 'object' && !Array.isArray(sens)));
  });
  if (candidates.length === 0) return false;
  const rc = candidates[pick % candidates.length]!;
  const change = rc.change as { [k: string]: Tree };
  (change.after as { [k: string]: Tree }).fuzz_password = m;
  const sens = change.after_sensitive;
  change.after_sensitive = { ...(sens && typeof sens === 'object' && !Array.isArray(sens) ? sens : {}), fuzz_password: true };
  if (pick % 2 === 1 && change.before !== null && typeof change.before === 'object' && !Array.isArray(change.before)) {
    change.before.fuzz_password = m;
    const bs = change.before_sensitive;
    change.before_sensitive = { ...(bs && typeof bs === 'object' && !Array.isArray(bs) ? bs : {}), fuzz_password: true };
  }
  return true;
}

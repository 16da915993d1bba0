import { isMap, isSeq, LineCounter, parseDocument, stringify } from 'yaml';
import type { YAMLMap, YAMLSeq } from 'yaml';
import { InputError } from '../../../model/errors';

/**
 * Appends policy mappings to a contract draft's spec.policies by splicing text, so every byte
 * of the draft before the insertion point (comments, key order, other policies) stays as it
 * was. A block list gets the new items after its last one, at its indentation; an empty flow
 * list (`policies: []`) is replaced by a block list; a draft without spec.policies gets one at
 * the end of spec. (Stand-in until the lossless editor's `addPolicy` op is on main.)
 */
export function appendPolicies(file: string, draft: string, policies: readonly object[]): string {
  const lines = new LineCounter();
  const doc = parseDocument(draft, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) throw new InputError(file, `the draft is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const root = doc.contents;
  const spec = isMap(root) ? root.get('spec', true) : null;
  if (!isMap(spec) || spec.flow) throw new InputError(file, 'the draft has no block mapping `spec:` to add policies to');
  const list = spec.get('policies', true);
  if (list === undefined || list === null) return insertKey(draft, spec, policies);
  if (!isSeq(list)) throw new InputError(file, 'spec.policies is not a list');
  if (list.flow) {
    if (list.items.length > 0) throw new InputError(file, 'spec.policies is a non-empty flow list [ … ]: write it as a block list to add policies');
    const [start, end] = list.range!;
    const indent = columnOf(draft, spec) + 2;
    return `${draft.slice(0, start).replace(/[ \t]*$/, '')}\n${items(policies, indent)}${draft.slice(end).replace(/^[ \t]*\n?/, '')}`;
  }
  return insertAfterSeq(draft, list, policies);
}

function insertAfterSeq(draft: string, list: YAMLSeq, policies: readonly object[]): string {
  const first = list.items[0] as { range?: [number, number, number] } | undefined;
  const dashAt = lineStart(draft, first?.range?.[0] ?? list.range![0]);
  const indent = /^[ ]*/.exec(draft.slice(dashAt))![0].length;
  // After the list's content, at the start of the next line.
  const end = list.range![1];
  const at = draft.lastIndexOf('\n', end - 1) + 1 === end ? end : nextLine(draft, end);
  const before = draft.slice(0, at);
  return `${before}${before.endsWith('\n') || before === '' ? '' : '\n'}${items(policies, indent)}${draft.slice(at)}`;
}

function insertKey(draft: string, spec: YAMLMap, policies: readonly object[]): string {
  const indent = columnOf(draft, spec);
  const end = spec.range![1];
  const at = draft.lastIndexOf('\n', end - 1) + 1 === end ? end : nextLine(draft, end);
  const before = draft.slice(0, at);
  return `${before}${before.endsWith('\n') || before === '' ? '' : '\n'}${' '.repeat(indent)}policies:\n${items(policies, indent + 2)}${draft.slice(at)}`;
}

/** The column of a block mapping's first key. */
function columnOf(draft: string, map: YAMLMap): number {
  const first = map.items[0]?.key as { range?: [number, number, number] } | undefined;
  const offset = first?.range?.[0] ?? map.range![0];
  return offset - lineStart(draft, offset);
}

function items(policies: readonly object[], indent: number): string {
  const pad = ' '.repeat(indent);
  return policies.map((p) => stringify([p], { lineWidth: 0 }).trimEnd().split('\n').map((l) => (l === '' ? l : pad + l)).join('\n')).join('\n') + '\n';
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function nextLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

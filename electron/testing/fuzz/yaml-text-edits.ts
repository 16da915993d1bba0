/**
 * YAML-specific text edits on a file's own lines (so comments, anchors and styles survive):
 * YAML 1.1 scalars (yes/on/0644/.inf), tags, anchors and aliases, merge keys, document markers
 * and directives, duplicate keys, CRLF/BOM/tabs, alias bombs and deep flow nesting.
 */
import fc from 'fast-check';

/** Plain scalars that YAML 1.1 (go-yaml v2, kubectl) and YAML 1.2 may read differently, and tagged or odd ones. */
export const YAML_ODD_SCALARS: readonly string[] = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'Yes', 'ON', 'Off', 'true', 'False', 'TRUE', '0644', '0x1F', '0b101', '0o17', '1_000', '+12',
  '1:20', '.inf', '-.inf', '+.Inf', '.nan', '.NaN', '~', 'null', 'Null', 'NULL', '2001-12-14', '2026-02-30T25:00:00Z', '1e3', '6.8523015e+5',
  '=', '<<', '!!bool yes', '!!int 0644', '!!float .inf', '!!str yes', '!!binary aGk=', '!!null x', '!!map {}', '!!seq []', '!custom v',
  '!<tag:yaml.org,2002:str> 1', '!!timestamp 2026-02-30', '*missing', '"\\u0000"', '"\\e[31mred"', '"\\u202e"', "'it''s'", '"a\\nb"',
  '12345678901234567890123', '-0', '0.', '.5', '[a, b', '{a: 1', '|', '>', '? x', '- x', '"', "'",
];

export type YamlTextEdit =
  | { readonly op: 'scalar'; readonly at: number; readonly pick: number }
  | { readonly op: 'anchorAlias'; readonly at: number; readonly to: number }
  | { readonly op: 'mergeKey'; readonly at: number; readonly alias: boolean }
  | { readonly op: 'dupKey'; readonly at: number; readonly pick: number }
  | { readonly op: 'docMarker'; readonly at: number; readonly pick: number }
  | { readonly op: 'crlf' }
  | { readonly op: 'bom' }
  | { readonly op: 'tab'; readonly at: number }
  | { readonly op: 'bomb'; readonly levels: number }
  | { readonly op: 'deepFlow'; readonly depth: number };

export const yamlTextEdit: fc.Arbitrary<YamlTextEdit> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constant('scalar' as const), at: fc.nat(), pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('anchorAlias' as const), at: fc.nat(), to: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('mergeKey' as const), at: fc.nat(), alias: fc.constantFrom(false, false, false, true) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dupKey' as const), at: fc.nat(), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('docMarker' as const), at: fc.nat(), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ op: 'crlf' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'bom' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('tab' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bomb' as const), levels: fc.integer({ min: 3, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deepFlow' as const), depth: fc.constantFrom(100, 5000, 50_000) }) },
);

export const yamlTextEdits = fc.array(yamlTextEdit, { minLength: 1, maxLength: 3 });

const VALUE_LINE = /^(\s*(?:- )?)([A-Za-z0-9_./"'-]+):[ ]+(\S.*)$/;
const DOC_MARKERS = ['---', '...', '--- !!map', '%YAML 1.1\n---', '%YAML 1.2\n---', '%TAG !e! tag:example.com,2000:\n---', '--- |', '---\n---'];

function bomb(levels: number): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: fuzz-bomb}', 'data:', '  l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++) lines.push(`  l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

/** Applies the edits to YAML text; returns the text and a short description of each edit. */
export function applyYamlTextEdits(text: string, edits: readonly YamlTextEdit[]): { readonly text: string; readonly done: string[] } {
  let lines = text.split('\n');
  const done: string[] = [];
  const valueLines = (): number[] => lines.flatMap((l, i) => (VALUE_LINE.test(l) ? [i] : []));
  let prefix = '';
  let crlf = false;
  for (const e of edits) {
    const vl = valueLines();
    switch (e.op) {
      case 'scalar': {
        if (vl.length === 0) break;
        const i = vl[e.at % vl.length]!;
        const [, indent, key] = VALUE_LINE.exec(lines[i]!)!;
        const v = YAML_ODD_SCALARS[e.pick % YAML_ODD_SCALARS.length]!;
        lines[i] = `${indent}${key}: ${v}`;
        done.push(`scalar ${key}: ${v}`);
        break;
      }
      case 'anchorAlias': {
        // Anchor first, alias after it in the same document: an alias elsewhere is only a parse error.
        if (vl.length < 2) break;
        const i = vl[e.at % vl.length]!;
        const sameDoc = vl.filter((j) => j > i && !lines.slice(i, j).some((l) => /^(---|\.\.\.)/.test(l)));
        if (sameDoc.length === 0) break;
        const j = sameDoc[e.to % sameDoc.length]!;
        const [, ia, ka, va] = VALUE_LINE.exec(lines[i]!)!;
        const [, ib, kb] = VALUE_LINE.exec(lines[j]!)!;
        const name = `fz${i}`;
        if (!va!.startsWith('&')) lines[i] = `${ia}${ka}: &${name} ${va}`;
        lines[j] = `${ib}${kb}: *${/^&(\S+)/.exec(va!)?.[1] ?? name}`;
        done.push(`alias ${kb} -> ${ka}`);
        break;
      }
      case 'mergeKey': {
        if (vl.length === 0) break;
        const i = vl[e.at % vl.length]!;
        const [, indent] = VALUE_LINE.exec(lines[i]!)!;
        const pad = indent!.replace('- ', '  ');
        lines.splice(i + 1, 0, e.alias ? `${pad}<<: *fzmissing` : `${pad}<<: {privileged: true, fuzzMerged: 1}`);
        done.push(e.alias ? 'merge key of an unknown alias' : 'merge key');
        break;
      }
      case 'dupKey': {
        if (vl.length === 0) break;
        const i = vl[e.at % vl.length]!;
        const [, indent, key] = VALUE_LINE.exec(lines[i]!)!;
        const pad = indent!.replace('- ', '  ');
        lines.splice(i + 1, 0, `${pad}${key}: ${YAML_ODD_SCALARS[e.pick % YAML_ODD_SCALARS.length]}`);
        done.push(`duplicate key ${key}`);
        break;
      }
      case 'docMarker': {
        const i = e.at % (lines.length + 1);
        lines.splice(i, 0, DOC_MARKERS[e.pick % DOC_MARKERS.length]!);
        done.push(`doc marker at line ${i + 1}`);
        break;
      }
      case 'crlf':
        crlf = true;
        done.push('CRLF');
        break;
      case 'bom':
        prefix = '\ufeff';
        done.push('BOM');
        break;
      case 'tab': {
        const indented = lines.flatMap((l, i) => (/^ {2}/.test(l) ? [i] : []));
        if (indented.length === 0) break;
        const i = indented[e.at % indented.length]!;
        lines[i] = `\t${lines[i]!.slice(2)}`;
        done.push(`tab at line ${i + 1}`);
        break;
      }
      case 'bomb':
        lines = [...lines, '---', ...bomb(e.levels).split('\n')];
        done.push(`alias bomb x9^${e.levels}`);
        break;
      case 'deepFlow':
        lines = [...lines, '---', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(e.depth)}${']'.repeat(e.depth)}`];
        done.push(`flow nesting ${e.depth}`);
        break;
    }
  }
  const joined = lines.join('\n');
  return { text: prefix + (crlf ? joined.replace(/\r?\n/g, '\r\n') : joined), done };
}

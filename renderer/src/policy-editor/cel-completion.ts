/**
 * What the CEL editor offers at the cursor, computed from the text before it (pure: no Monaco,
 * so it is unit-tested under Node). After `params.` it offers the policy's parameters; after
 * a field path (`object.spec.`) the next segments seen in stored change sets, then the member
 * functions; elsewhere the variables, the domain functions and the literals.
 */
import type { CelCatalogDto } from '../../../electron/shared/contract-editor-types';
import { catalogFields } from './catalog-view';
import type { CatalogField } from './catalog-view';

export type CelSuggestionKind = 'variable' | 'field' | 'function' | 'param' | 'keyword';

export interface CelSuggestion {
  readonly label: string;
  readonly kind: CelSuggestionKind;
  readonly insertText: string;
  readonly detail: string;
  readonly documentation: string;
}

export interface CelCompletionContext {
  readonly catalog: CelCatalogDto | undefined;
  /** The parameter names of the policy being edited. */
  readonly params: readonly string[];
}

export interface CelCompletion {
  /** How many characters before the cursor the suggestion replaces (the partial word). */
  readonly replace: number;
  readonly suggestions: readonly CelSuggestion[];
}

const KEYWORDS = ['true', 'false', 'null', 'in'] as const;
/** Inside a string literal nothing is offered: the quote count before the cursor is odd. */
const inString = (text: string): boolean => {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
  }
  return quote !== null;
};

/** The dotted path being typed just before the cursor: `object.spec.rep` → ['object.spec.', 'rep']. */
export function pathBeforeCursor(text: string): { readonly prefix: string; readonly partial: string } {
  const m = /((?:[A-Za-z_][A-Za-z0-9_]*\.)*)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(text);
  const prefix = m?.[1] ?? '';
  const partial = m?.[2] ?? '';
  // `f(x).spec.` or `list[0].` is a member of an expression's result: no known field path.
  const before = text.slice(0, text.length - prefix.length - partial.length);
  if (/[)\]]\.?$/.test(before) || before.endsWith('.')) return { prefix: '.', partial };
  return { prefix, partial };
}

export function celCompletions(textBeforeCursor: string, ctx: CelCompletionContext): CelCompletion {
  if (inString(textBeforeCursor)) return { replace: 0, suggestions: [] };
  const { prefix, partial } = pathBeforeCursor(textBeforeCursor);
  const keep = (label: string) => label.toLowerCase().startsWith(partial.toLowerCase());
  // Methods (`s.matches(re)`) after a dot, global functions (`glob(p, s)`) elsewhere.
  const functions = (member: boolean) => (ctx.catalog?.functions ?? []).filter((f) => f.receiverStyle === member).map((f): CelSuggestion => ({
    label: f.name, kind: 'function', insertText: f.name, detail: f.signatures[0] ?? '', documentation: docOf(f),
  }));
  if (prefix === '') {
    const variables = (ctx.catalog?.variables ?? []).map((v): CelSuggestion => ({
      label: v.name, kind: 'variable', insertText: v.name, detail: v.type, documentation: v.summary,
    }));
    const keywords = KEYWORDS.map((k): CelSuggestion => ({ label: k, kind: 'keyword', insertText: k, detail: '', documentation: '' }));
    return { replace: partial.length, suggestions: [...variables, ...functions(false), ...keywords].filter((s) => keep(s.label)) };
  }
  if (prefix === 'params.') {
    return {
      replace: partial.length,
      suggestions: ctx.params.filter(keep).map((p) => ({ label: p, kind: 'param', insertText: p, detail: 'parameter', documentation: `params.${p}: set in the contract's spec.parameters, else the policy's default` })),
    };
  }
  return { replace: partial.length, suggestions: [...nextSegments(prefix, catalogFields(ctx.catalog)), ...functions(true)].filter((s) => keep(s.label)) };
}

/** The distinct next path segments under `prefix` among the catalogue's fields. */
function nextSegments(prefix: string, fields: readonly CatalogField[]): CelSuggestion[] {
  const seen = new Map<string, CelSuggestion>();
  for (const f of fields) {
    if (!f.path.startsWith(prefix)) continue;
    const rest = f.path.slice(prefix.length);
    const segment = rest.split('.')[0] ?? '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment) || seen.has(segment)) continue;
    const leaf = rest === segment;
    seen.set(segment, {
      label: segment, kind: 'field', insertText: segment,
      detail: leaf ? f.kind : 'object',
      documentation: leaf ? [f.doc, f.types.length ? `On ${f.types.slice(0, 5).join(', ')}${f.types.length > 5 ? ', …' : ''}` : ''].filter(Boolean).join('\n') : `${prefix}${segment}`,
    });
  }
  return [...seen.values()];
}

function docOf(f: CelCatalogDto['functions'][number]): string {
  return [f.signatures.join('\n'), f.summary, f.example ? `Example: ${f.example}` : ''].filter(Boolean).join('\n\n');
}

/** The identifier under a column (1-based) of a line, for hover docs. */
export function wordAt(line: string, column: number): string | null {
  const re = /[A-Za-z_][A-Za-z0-9_]*/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (column - 1 >= m.index && column - 1 <= m.index + m[0].length) return m[0];
  }
  return null;
}

/** Hover text for a function name (the catalogue's docs); null for anything else. */
export function functionDoc(catalog: CelCatalogDto | undefined, word: string | null): string | null {
  if (!word) return null;
  const f = (catalog?.functions ?? []).find((x) => x.name === word);
  return f ? docOf(f) : null;
}

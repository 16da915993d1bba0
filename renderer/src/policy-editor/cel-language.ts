/**
 * The `cel` language in Monaco: Monarch highlighting, completion and function hover docs. The
 * providers are registered once; each editor model names its context (catalogue + policy
 * parameters) in a registry keyed by the model's URI, so two CEL editors never mix contexts.
 */
import { monaco } from '../monaco/setup-monaco';
import { celCompletions, functionDoc, wordAt } from './cel-completion';
import type { CelCompletionContext, CelSuggestionKind } from './cel-completion';

export const CEL_LANGUAGE = 'cel';
/** Message templates: text with `{{ cel }}` blocks. */
export const CEL_TEMPLATE_LANGUAGE = 'cel-template';

const contexts = new Map<string, CelCompletionContext>();

export function setCelContext(modelUri: string, ctx: CelCompletionContext): void {
  contexts.set(modelUri, ctx);
}

export function clearCelContext(modelUri: string): void {
  contexts.delete(modelUri);
}

const celTokens = {
  keywords: ['true', 'false', 'null', 'in'],
  variables: ['resource', 'object', 'oldObject', 'params', 'changeset', 'now'],
  operators: ['==', '!=', '<', '<=', '>', '>=', '&&', '||', '!', '+', '-', '*', '/', '%', '?', ':'],
  symbols: /[=><!~?:&|+\-*/^%]+/,
  escapes: /\\(?:[abfnrtv\\"'`?]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0-7]{3})/,
};

const expressionRules: monaco.languages.IMonarchLanguageRule[] = [
  [/[A-Za-z_][\w]*(?=\s*\()/, { cases: { '@keywords': 'keyword', '@default': 'predefined' } }],
  [/[A-Za-z_][\w]*/, { cases: { '@keywords': 'keyword', '@variables': 'variable', '@default': 'identifier' } }],
  [/[{}()[\]]/, '@brackets'],
  [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
  [/\d+\.\d*(?:[eE][-+]?\d+)?|\d+[eE][-+]?\d+/, 'number.float'],
  [/0[xX][0-9a-fA-F]+u?|\d+u?/, 'number'],
  [/[rR]?"""/, 'string', '@tripleDouble'],
  [/[rR]?'''/, 'string', '@tripleSingle'],
  [/[rR]?"([^"\\]|\\.)*$/, 'string.invalid'],
  [/[rR]?'([^'\\]|\\.)*$/, 'string.invalid'],
  [/[rR]?"/, 'string', '@stringDouble'],
  [/[rR]?'/, 'string', '@stringSingle'],
  [/\/\/.*$/, 'comment'],
  [/[,.]/, 'delimiter'],
];

const stringStates: Record<string, monaco.languages.IMonarchLanguageRule[]> = {
  stringDouble: [[/[^\\"]+/, 'string'], [/@escapes/, 'string.escape'], [/\\./, 'string.escape.invalid'], [/"/, 'string', '@pop']],
  stringSingle: [[/[^\\']+/, 'string'], [/@escapes/, 'string.escape'], [/\\./, 'string.escape.invalid'], [/'/, 'string', '@pop']],
  tripleDouble: [[/"""/, 'string', '@pop'], [/[^"]+|"/, 'string']],
  tripleSingle: [[/'''/, 'string', '@pop'], [/[^']+|'/, 'string']],
};

const KIND: Record<CelSuggestionKind, monaco.languages.CompletionItemKind> = {
  variable: monaco.languages.CompletionItemKind.Variable,
  field: monaco.languages.CompletionItemKind.Field,
  function: monaco.languages.CompletionItemKind.Function,
  param: monaco.languages.CompletionItemKind.Property,
  keyword: monaco.languages.CompletionItemKind.Keyword,
};

let registered = false;

/** Idempotent: registers both languages and their providers. */
export function registerCelLanguage(): void {
  if (registered) return;
  registered = true;
  for (const id of [CEL_LANGUAGE, CEL_TEMPLATE_LANGUAGE]) monaco.languages.register({ id });
  monaco.languages.setMonarchTokensProvider(CEL_LANGUAGE, {
    ...celTokens, tokenizer: { root: expressionRules, ...stringStates },
  });
  monaco.languages.setMonarchTokensProvider(CEL_TEMPLATE_LANGUAGE, {
    ...celTokens,
    tokenizer: {
      // The text around `{{ }}` is plain text: not coloured as a string literal (it is not CEL).
      root: [[/\{\{/, { token: 'delimiter.bracket', next: '@expression' }], [/[^{]+|\{/, '']],
      expression: [[/\}\}/, { token: 'delimiter.bracket', next: '@pop' }], ...expressionRules],
      ...stringStates,
    },
  });
  monaco.languages.setLanguageConfiguration(CEL_LANGUAGE, {
    brackets: [['(', ')'], ['[', ']'], ['{', '}']],
    autoClosingPairs: [{ open: '(', close: ')' }, { open: '[', close: ']' }, { open: '{', close: '}' }, { open: '"', close: '"', notIn: ['string'] }],
  });
  for (const id of [CEL_LANGUAGE, CEL_TEMPLATE_LANGUAGE]) {
    monaco.languages.registerCompletionItemProvider(id, {
      triggerCharacters: ['.'],
      provideCompletionItems(model, position) {
        const ctx = contexts.get(model.uri.toString());
        if (!ctx) return { suggestions: [] };
        const before = model.getValueInRange({ startLineNumber: 1, startColumn: 1, endLineNumber: position.lineNumber, endColumn: position.column });
        // In a template only the text inside the open `{{` block is CEL.
        const open = id === CEL_TEMPLATE_LANGUAGE ? before.lastIndexOf('{{') : -1;
        if (id === CEL_TEMPLATE_LANGUAGE && (open < 0 || before.indexOf('}}', open) >= 0)) return { suggestions: [] };
        const { replace, suggestions } = celCompletions(open >= 0 ? before.slice(open + 2) : before, ctx);
        const range = new monaco.Range(position.lineNumber, Math.max(1, position.column - replace), position.lineNumber, position.column);
        return {
          suggestions: suggestions.map((s) => ({
            label: s.label, kind: KIND[s.kind], insertText: s.insertText, detail: s.detail,
            // Plain text, never markdown: field samples come from vendor change sets.
            documentation: s.documentation || undefined, range,
          })),
        };
      },
    });
    monaco.languages.registerHoverProvider(id, {
      provideHover(model, position) {
        const doc = functionDoc(contexts.get(model.uri.toString())?.catalog, wordAt(model.getLineContent(position.lineNumber), position.column));
        return doc ? { contents: [{ value: doc }] } : null;
      },
    });
  }
}

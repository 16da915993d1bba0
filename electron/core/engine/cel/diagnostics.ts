/**
 * Editor diagnostics for a policy's CEL: the condition, each `{{ }}` part of the message and
 * the path, compiled exactly as the engine compiles them (compileExpression: the policy
 * environment, RE2 check, type check), plus what the engine would only find at run time:
 * `params.x` names the policy does not declare, and unknown function names. Never throws.
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import { messageSegments } from '../compile/message-template';
import type { ExpressionField } from '../compile/expression-position';
import { CelCompileError, compileExpression } from './compile-expression';
import { policyEnvironment } from './environment';
import { walkAst } from './walk-ast';

export type { ExpressionField };

/** One problem, at 1-based line/column positions inside the field's own text; the end is exclusive. */
export interface CelDiagnostic {
  readonly field: ExpressionField;
  readonly message: string;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** The parts of a policy the check reads (a Policy, or a draft of one). */
export interface PolicyExpressions {
  readonly condition: string;
  readonly message?: string;
  readonly path?: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface CheckContext {
  /** Parameter names `params` holds besides the policy's declared ones. */
  readonly extraParameters?: readonly string[];
}

interface Problem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/** 1-based line and column (UTF-16 units, as editors count) of an offset in text. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}

function diagnostic(field: ExpressionField, text: string, p: Problem): CelDiagnostic {
  const start = Math.max(0, Math.min(p.start, text.length));
  // An empty range still gets one character to underline where there is one.
  const end = Math.min(text.length, Math.max(p.end, start < text.length ? start + 1 : start));
  const s = positionAt(text, start);
  const e = positionAt(text, end);
  return { field, message: p.message, startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
}

let knownFunctions: ReadonlySet<string> | undefined;
/** Every function and macro name the policy environment knows (what compiles, compiles here too). */
function functionNames(): ReadonlySet<string> {
  return (knownFunctions ??= new Set(policyEnvironment().getDefinitions().functions.map((f) => f.name)));
}

function skipTrivia(src: string, i: number): number {
  for (;;) {
    while (i < src.length && /\s/.test(src[i] as string)) i++;
    if (!src.startsWith('//', i)) return i;
    const nl = src.indexOf('\n', i);
    i = nl < 0 ? src.length : nl + 1;
  }
}

/** Where a call's function name is written. */
function nameRange(src: string, node: ASTNode, name: string): { start: number; end: number } {
  if (node.op === 'rcall') {
    let i = skipTrivia(src, node.args[1].end);
    if (src[i] === '.') i = skipTrivia(src, i + 1);
    if (src.startsWith(name, i)) return { start: i, end: i + name.length };
  } else if (src.startsWith(name, node.start)) {
    return { start: node.start, end: node.start + name.length };
  }
  return { start: node.start, end: node.end };
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] as number;
      row[j] = Math.min(up + 1, (row[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length] as number;
}

function suggestion(name: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean ${best}?)` : '';
}

/** Unknown `params.x` names and unknown function names: run-time errors the type check cannot see (params is dyn). */
function nameProblems(src: string, ast: ASTNode, parameters: ReadonlySet<string>, unknownFunctions: Set<string>): Problem[] {
  const out: Problem[] = [];
  walkAst(ast, (node) => {
    if ((node.op === '.' || node.op === '.?') && node.args[0].op === 'id' && node.args[0].args === 'params') {
      const name = node.args[1];
      if (!parameters.has(name)) out.push(unknownParameter(name, node, parameters));
    } else if ((node.op === '[]' || node.op === '[?]') && node.args[0].op === 'id' && node.args[0].args === 'params') {
      const key = node.args[1];
      if (key.op === 'value' && typeof key.args === 'string' && !parameters.has(key.args)) out.push(unknownParameter(key.args, node, parameters));
    } else if (node.op === 'call' || node.op === 'rcall') {
      const name = node.args[0];
      if (!functionNames().has(name)) {
        unknownFunctions.add(name);
        out.push({ message: `unknown function ${name}${suggestion(name, functionNames())}`, ...nameRange(src, node, name) });
      }
    }
  });
  return out.sort((a, b) => a.start - b.start);
}

function unknownParameter(name: string, node: ASTNode, parameters: ReadonlySet<string>): Problem {
  const declared = parameters.size === 0 ? 'the policy declares no parameters' : `the policy declares ${[...parameters].sort().join(', ')}`;
  return { message: `unknown parameter ${JSON.stringify(name)}${suggestion(name, parameters)}: ${declared}`, start: node.start, end: node.end };
}

const WANTED: Readonly<Record<ExpressionField, { accepts: (type: string) => boolean; want: string } | undefined>> = {
  condition: { accepts: (t) => t === 'bool' || t === 'dyn', want: 'a bool expression' },
  path: { accepts: (t) => t === 'dyn' || t.startsWith('list'), want: 'a list of strings and integers' },
  message: undefined,
};

/** The problems of one CEL text, offsets relative to it. */
function expressionProblems(field: ExpressionField, src: string, parameters: ReadonlySet<string>): Problem[] {
  let ast: ASTNode | undefined;
  try {
    ast = policyEnvironment().parse(src).ast;
  } catch {
    ast = undefined; // compileExpression reports the syntax error below
  }
  const unknownFunctions = new Set<string>();
  const named = ast ? nameProblems(src, ast, parameters, unknownFunctions) : [];
  const out: Problem[] = [...named];
  try {
    const compiled = compileExpression(src);
    const wanted = WANTED[field];
    if (wanted && !wanted.accepts(compiled.type)) out.push({ message: `${field} must be ${wanted.want}, but it is ${compiled.type}`, start: 0, end: src.length });
  } catch (err) {
    const reason = err instanceof CelCompileError ? err.reason : err instanceof Error ? err.message : String(err);
    const start = err instanceof CelCompileError ? err.offset ?? 0 : 0;
    const end = err instanceof CelCompileError ? err.end ?? start : src.length;
    // "no matching overload for 'frobnicate(…)'" repeats an unknown function already named above.
    const overload = /no matching overload for '(?:[^']*\.)?(\w+)\(/.exec(reason)?.[1];
    if (overload === undefined || !unknownFunctions.has(overload)) out.push({ message: reason, start, end });
  }
  return out;
}

/** Diagnostics of one field's text (the `checkCel` API: the editor checks the field being typed). */
export function checkExpression(field: ExpressionField, text: string, parameterNames: readonly string[]): CelDiagnostic[] {
  const parameters = new Set(parameterNames);
  try {
    if (field !== 'message') return expressionProblems(field, text, parameters).map((p) => diagnostic(field, text, p));
    return messageSegments(text).flatMap((segment) =>
      expressionProblems('message', segment.cel, parameters).map((p) => diagnostic('message', text, { ...p, start: segment.celAt + p.start, end: segment.celAt + p.end })));
  } catch (err) {
    // A check must never take the editor down; say what failed where the text starts.
    return [diagnostic(field, text, { message: `could not check this ${field}: ${err instanceof Error ? err.message : String(err)}`, start: 0, end: 0 })];
  }
}

/** Every problem of a policy's condition, message template parts and path. */
export function checkPolicyExpressions(policy: PolicyExpressions, ctx: CheckContext = {}): CelDiagnostic[] {
  const names = [...Object.keys(policy.parameters), ...(ctx.extraParameters ?? [])];
  return [
    ...checkExpression('condition', policy.condition, names),
    ...(policy.message ? checkExpression('message', policy.message, names) : []),
    ...(policy.path !== undefined ? checkExpression('path', policy.path, names) : []),
  ];
}

import type { ASTNode } from '@marcbachmann/cel-js';
import { RE2_FUNCTION } from './functions/regex';
import { walkAst } from './walk-ast';

/** A `matches` call found in an expression: where its name is and its pattern argument. */
interface MatchesCall {
  /** Offset of the function name in the source. */
  readonly nameAt: number;
  readonly pattern: ASTNode | undefined;
}

/** Skips whitespace and `//` comments (the only tokens allowed between `x` `.` and `name`). */
function skipTrivia(src: string, i: number): number {
  for (;;) {
    while (i < src.length && /\s/.test(src[i] as string)) i++;
    if (src.startsWith('//', i)) {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl + 1;
    } else {
      return i;
    }
  }
}

function nameOffset(src: string, node: ASTNode, name: string): number {
  if (node.op === 'call') return src.startsWith(name, node.start) ? node.start : -1;
  if (node.op !== 'rcall') return -1;
  const receiver = node.args[1];
  let i = skipTrivia(src, receiver.end);
  if (src[i] !== '.') return -1;
  i = skipTrivia(src, i + 1);
  return src.startsWith(name, i) ? i : -1;
}

/** Every `matches(...)`/`x.matches(...)` (and already-rewritten) call in the AST. */
export function findMatchesCalls(src: string, root: ASTNode): { readonly calls: readonly MatchesCall[]; readonly unlocated: ASTNode[] } {
  const calls: MatchesCall[] = [];
  const unlocated: ASTNode[] = [];
  walkAst(root, (item) => {
    if ((item.op === 'call' || item.op === 'rcall') && (item.args[0] === 'matches' || item.args[0] === RE2_FUNCTION)) {
      const name = item.args[0];
      const at = nameOffset(src, item, name);
      const pattern = item.op === 'call' ? item.args[1][1] : item.args[2][0];
      if (at < 0) unlocated.push(item);
      else calls.push({ nameAt: name === 'matches' ? at : -1, pattern });
    }
  });
  return { calls, unlocated };
}

/**
 * Rewrites each `matches` name to the same-length RE2 function, so every regular expression
 * in a policy runs in linear time while CEL error positions stay where the author wrote them.
 */
export function rewriteMatches(src: string, calls: readonly MatchesCall[]): string {
  const offsets = calls.map((c) => c.nameAt).filter((n) => n >= 0).sort((a, b) => a - b);
  if (offsets.length === 0) return src;
  let out = '';
  let last = 0;
  for (const at of offsets) {
    out += src.slice(last, at) + RE2_FUNCTION;
    last = at + RE2_FUNCTION.length;
  }
  return out + src.slice(last);
}

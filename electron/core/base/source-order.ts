/** A place in a source file (1-based line and column). */
export interface TextPlace {
  readonly line: number;
  readonly column: number;
}

/**
 * `a` is at or before `b` in the same file: by line, then column. The column matters because a
 * plan written by `terraform show -json` is one line. The one ordering by which a finding is
 * placed on the resource it points inside (review rows, explanations, plan excerpts).
 */
export function atOrBefore(a: TextPlace, b: TextPlace): boolean {
  return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

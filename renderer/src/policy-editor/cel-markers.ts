/**
 * CEL diagnostics (positions within the expression, 1-based) as editor markers, clamped to the
 * text so a stale or out-of-range position still shows on a real line instead of vanishing.
 */
import type { CelDiagnosticDto } from '../../../electron/shared/contract-editor-types';

export interface MarkerRange {
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
}

export function markerRanges(text: string, diagnostics: readonly CelDiagnosticDto[]): MarkerRange[] {
  const lines = text.split('\n');
  const lineCount = Math.max(1, lines.length);
  const clampLine = (n: number) => Math.min(Math.max(1, Math.trunc(n) || 1), lineCount);
  const clampCol = (line: number, c: number) => Math.min(Math.max(1, Math.trunc(c) || 1), (lines[line - 1]?.length ?? 0) + 1);
  return diagnostics.map((d) => {
    const startLineNumber = clampLine(d.startLine);
    const startColumn = clampCol(startLineNumber, d.startColumn);
    let endLineNumber = clampLine(d.endLine);
    let endColumn = clampCol(endLineNumber, d.endColumn);
    if (endLineNumber < startLineNumber || (endLineNumber === startLineNumber && endColumn <= startColumn)) {
      // An empty range is invisible: underline to the end of the start line at least one character.
      endLineNumber = startLineNumber;
      endColumn = Math.max(startColumn + 1, (lines[startLineNumber - 1]?.length ?? 0) + 1);
    }
    return { message: d.message, severity: d.severity, startLineNumber, startColumn, endLineNumber, endColumn };
  });
}

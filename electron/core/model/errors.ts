/**
 * A bad input: a file the user gave us that we cannot accept. It always names the file,
 * and the line/column when known. The CLI prints `message` alone (no stack) and exits 2.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(formatInputError(file, reason, line, column));
  }
}

export function formatInputError(file: string, reason: string, line?: number, column?: number): string {
  const where = line !== undefined ? `${file}:${line}${column !== undefined ? `:${column}` : ''}` : file;
  return `${where}: ${reason}`;
}

/** A usage error on the command line (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

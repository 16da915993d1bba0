/** One line describing a CEL runtime error (without the source excerpt cel-js adds). */
export function describeError(err: unknown): string {
  if (err && typeof err === 'object' && 'summary' in err && typeof err.summary === 'string') return err.summary;
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}

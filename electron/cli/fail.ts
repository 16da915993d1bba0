import { InputError, UsageError } from '../core/model/errors';
import { clean } from '../core/reports/text-report';

/** Exit codes, as documented in --help. */
export const EXIT = { pass: 0, findings: 1, badInput: 2, internal: 3 } as const;

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory, expected a file',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
};

/**
 * The one line printed for an error, and the exit code. Bad input and usage errors are the
 * user's to fix: the message alone, no stack. Anything else is our bug: "internal error",
 * with the stack only when COUNTERSIGN_DEBUG=1.
 */
export function describeFailure(err: unknown): { readonly code: number; readonly message: string } {
  // By name too: a second copy of the model module (tests, tsx) has its own classes.
  const name = err instanceof Error ? err.name : '';
  if (err instanceof InputError || err instanceof UsageError || name === 'InputError' || name === 'UsageError') {
    return { code: EXIT.badInput, message: `countersign: ${clean((err as Error).message)}` };
  }
  // A file-system error that escaped a loader still names the file the user gave us.
  const sys = err as { code?: unknown; path?: unknown };
  if (typeof sys?.code === 'string' && typeof sys.path === 'string' && Object.hasOwn(FS_REASONS, sys.code)) {
    return { code: EXIT.badInput, message: `countersign: ${clean(sys.path)}: ${FS_REASONS[sys.code]}` };
  }
  const text = err instanceof Error ? err.message : String(err);
  const stack = process.env.COUNTERSIGN_DEBUG === '1' && err instanceof Error && err.stack ? `\n${err.stack}` : '';
  return { code: EXIT.internal, message: `countersign: internal error: ${clean(text)}${stack}` };
}

/**
 * Errors as values with a code, given where the error is made: the host passes the code on to
 * the renderer (`{ ok: false, code, message }`) and the CLI picks its exit code from it, so no
 * layer ever classifies an error by reading its message.
 */

/** The closed set of things that can go wrong on the user's side (anything else is our bug). */
export const ERROR_CODES = [
  'bad-input',        // a file or value the user gave is malformed (names the file, and line when known)
  'bad-request',      // a request or command line that is not well formed (a usage error)
  'not-found',        // something the caller named is not in the workspace
  'conflict',         // the workspace already holds it (already signed, already published, own key)
  'wrong-passphrase', // the passphrase does not open the key
  'policy-refusal',   // the contract says no (a policy outcome, not bad input)
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error with its code: every deliberate failure of the core is one. */
export abstract class CodedError extends Error {
  abstract readonly code: ErrorCode;
}

/**
 * A bad input: a file the user gave us that we cannot accept. It always names the file,
 * and the line/column when known. The CLI prints `message` alone (no stack) and exits 2.
 * Subclasses change only `code` and keep this constructor, so `restated` can copy them.
 */
export class InputError extends CodedError {
  override readonly name = 'InputError';
  readonly code: ErrorCode = 'bad-input';
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(formatInputError(file, reason, line, column));
  }

  /** The same error (same class, same code) naming the file differently or saying more. */
  restated(file: string, reason: string = this.reason): InputError {
    const Same = this.constructor as new (file: string, reason: string, line?: number, column?: number) => InputError;
    return new Same(file, reason, this.line, this.column);
  }
}

/** Something the caller named is not in the workspace (a digest, a key, a resource, a file). */
export class NotFoundError extends InputError {
  override readonly code: ErrorCode = 'not-found';
}

/** The workspace already holds what the input would add (a signature, a key, a publication). */
export class ConflictError extends InputError {
  override readonly code: ErrorCode = 'conflict';
}

/** The passphrase typed does not open the key (`file` names the key). */
export class WrongPassphrase extends InputError {
  override readonly code: ErrorCode = 'wrong-passphrase';
}

export function formatInputError(file: string, reason: string, line?: number, column?: number): string {
  const where = line !== undefined ? `${file}:${line}${column !== undefined ? `:${column}` : ''}` : file;
  return `${where}: ${reason}`;
}

/** A usage error on the command line or a malformed request (exit 2). */
export class UsageError extends CodedError {
  override readonly name = 'UsageError';
  readonly code: ErrorCode = 'bad-request';
}

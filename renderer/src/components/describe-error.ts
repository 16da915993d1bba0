/**
 * The sentence a screen shows for a failure, chosen by the error's code (the host passes on the
 * code the core gave where the error was made); the message is shown as written, never parsed.
 */
import type { ApiErrorCode } from '../../../electron/shared/api-types';
import { ApiError } from '../api/api-error';

/** What to say for each code: the API's message as is, or a sentence that says what to do next. */
const BY_CODE: { readonly [C in ApiErrorCode]: (message: string) => string } = {
  'bad-input': (m) => m,
  'bad-request': (m) => m,
  'not-found': (m) => m,
  conflict: (m) => m,
  'wrong-passphrase': () => 'Wrong passphrase for this key. Type it again (it is case-sensitive).',
  'policy-refusal': (m) => m,
  unsupported: (m) => m,
  forbidden: (m) => `The app refused this request (${m}). Reopen the app from its start link.`,
  internal: (m) => m,
};

/** A user-facing sentence for an error thrown by `unwrap()` (or anything else). */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) return BY_CODE[err.code](err.message);
  return err instanceof Error ? err.message : String(err);
}

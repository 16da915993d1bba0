/**
 * How my screens show a failed API call: one inline alert that says what went wrong and what
 * to do next. Forms keep their values on error, so the user only fixes what was wrong.
 */
import { ApiError } from '../api/client';

/** A user-facing sentence for an error thrown by `unwrap()` (or anything else). */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'wrong-passphrase':
        return 'Wrong passphrase for this key. Type it again (it is case-sensitive).';
      case 'forbidden':
        return `The app refused this request (${err.message}). Reopen the app from its start link.`;
      default: {
        // The core reports a wrong passphrase as an InputError; the host may pass it on as bad-input.
        if (/wrong passphrase/i.test(err.message)) return 'Wrong passphrase for this key. Type it again (it is case-sensitive).';
        const where = err.file && !err.message.includes(err.file) ? ` (${err.file}${err.line ? `:${err.line}` : ''})` : '';
        return `${err.message}${where}`;
      }
    }
  }
  return err instanceof Error ? err.message : String(err);
}

/** An inline error for a form or a section; renders nothing without an error. */
export function InlineError(props: { readonly error: unknown; readonly prefix?: string }) {
  if (props.error === null || props.error === undefined) return null;
  return (
    <p role="alert" className="inline-error">
      {props.prefix ? `${props.prefix}: ` : ''}
      {describeError(props.error)}
    </p>
  );
}

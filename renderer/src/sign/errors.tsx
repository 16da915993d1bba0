/**
 * How my screens show a failed API call: one inline alert that says what went wrong and what
 * to do next. Forms keep their values on error, so the user only fixes what was wrong.
 */
import { describeError } from '../components/describe-error';

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

/**
 * A failed operation as an alert: what failed (title), why (chosen by the error's code; the
 * API's message already names the file and line), and a way forward (retry / dismiss / hint).
 */
import type { ReactNode } from 'react';
import { describeError } from './describe-error';
import './components.css';

export function ErrorBox(props: {
  readonly title: string;
  readonly error: unknown;
  readonly onRetry?: () => void;
  readonly onDismiss?: () => void;
  readonly children?: ReactNode;
}) {
  return (
    <div className="error-box" role="alert">
      <p className="error-title">{props.title}</p>
      <p className="error-message">{describeError(props.error)}</p>
      {props.children}
      {(props.onRetry || props.onDismiss) && (
        <div className="error-actions">
          {props.onRetry && <button type="button" onClick={props.onRetry}>Try again</button>}
          {props.onDismiss && <button type="button" onClick={props.onDismiss} aria-label="Dismiss error">Dismiss</button>}
        </div>
      )}
    </div>
  );
}

/**
 * A failed operation as an alert: what failed (title), why (the API's message, naming the
 * file and line when the core knows them), and a way forward (retry / dismiss / hint).
 */
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import './components.css';

/** "file:line" of an API error when the message does not already say it. */
function whereOf(err: unknown): string {
  if (!(err instanceof ApiError) || !err.file) return '';
  const where = `${err.file}${err.line ? `:${err.line}` : ''}`;
  return err.message.includes(err.file) ? '' : where;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

export function ErrorBox(props: {
  readonly title: string;
  readonly error: unknown;
  readonly onRetry?: () => void;
  readonly onDismiss?: () => void;
  readonly children?: ReactNode;
}) {
  const where = whereOf(props.error);
  return (
    <div className="error-box" role="alert">
      <p className="error-title">{props.title}</p>
      <p className="error-message">
        {where && <code className="error-where">{where}</code>}
        {where && ': '}
        {errorMessage(props.error)}
      </p>
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

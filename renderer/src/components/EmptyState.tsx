/**
 * An empty state that says what is empty and what to do next (the `children`, e.g. a hint
 * or a button), instead of a blank area.
 */
import type { ReactNode } from 'react';
import './components.css';

export function EmptyState(props: { readonly title: string; readonly children?: ReactNode }) {
  return (
    <div className="empty-state" role="status">
      <p className="empty-title">{props.title}</p>
      {props.children && <div className="empty-next">{props.children}</div>}
    </div>
  );
}

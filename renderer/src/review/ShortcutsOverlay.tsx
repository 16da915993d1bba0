/**
 * The "?" overlay: every shortcut of the Review screen and the Sign panel (shortcuts.ts), as a
 * modal dialog. Esc or "?" closes it and focus goes back where it was.
 */
import { useEffect, useRef } from 'react';
import { OVERLAY_SHORTCUTS, REVIEW_SHORTCUTS, SIGN_SHORTCUTS } from './shortcuts';
import type { ShortcutGroup } from './shortcuts';

function Group(props: { readonly group: ShortcutGroup }) {
  const { group } = props;
  return (
    <section className="shortcut-group" aria-label={group.title}>
      <h3>{group.title}</h3>
      {group.note && <p className="hint">{group.note}</p>}
      <dl>
        {group.shortcuts.map((s) => (
          <div key={s.what}>
            <dt>{s.keys.map((k, i) => <span key={k}>{i > 0 && ' / '}<kbd>{k}</kbd></span>)}</dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function ShortcutsOverlay(props: { readonly onClose: () => void; readonly focus?: 'review' | 'sign' }) {
  const { onClose } = props;
  const dialogRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialogRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' || e.key === '?') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        // Modal: the screen's letter keys (j, k, u, v…) wait until the list is closed.
        e.stopPropagation();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      returnTo?.focus();
    };
  }, [onClose]);
  const groups = props.focus === 'sign' ? [...SIGN_SHORTCUTS, ...REVIEW_SHORTCUTS] : [...REVIEW_SHORTCUTS, ...SIGN_SHORTCUTS];
  return (
    <div className="shortcuts-backdrop" onClick={onClose}>
      <div ref={dialogRef} className="shortcuts-overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" tabIndex={-1} onClick={(e) => e.stopPropagation()}>
        <header>
          <h2>Keyboard shortcuts</h2>
          <button type="button" onClick={onClose} aria-label="Close keyboard shortcuts">Close</button>
        </header>
        <div className="shortcut-groups">
          {groups.map((g) => <Group key={g.title} group={g} />)}
          <Group group={{ title: 'This list', shortcuts: OVERLAY_SHORTCUTS }} />
        </div>
      </div>
    </div>
  );
}

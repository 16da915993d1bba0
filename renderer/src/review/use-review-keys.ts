/**
 * The Review screen's navigation keys besides findings (use-finding-keys): "u" next unviewed,
 * "v" toggle viewed, "/" search, "?" the shortcuts overlay. Typing in a field is never hijacked.
 */
import { useEffect, useRef } from 'react';
import { isTyping } from './use-finding-keys';

export interface ReviewKeyActions {
  readonly nextUnviewed: () => void;
  readonly toggleViewed: () => void;
  readonly focusSearch: () => void;
  readonly showShortcuts: () => void;
}

export function useReviewKeys(actions: ReviewKeyActions, enabled: boolean): void {
  // The latest actions, without re-subscribing on every render.
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented || isTyping(e.target)) return;
      const a = latest.current;
      const act = new Map([['u', a.nextUnviewed], ['v', a.toggleViewed], ['/', a.focusSearch], ['?', a.showShortcuts]]).get(e.key);
      if (!act) return;
      e.preventDefault();
      act();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}

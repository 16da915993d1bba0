/**
 * Keyboard navigation between findings anywhere on the Review screen: j / n next, k / p
 * previous. Typing in a field (comments, passphrases, Monaco's find box) is never hijacked.
 */
import { useEffect, useRef } from 'react';
import type { FindingDto } from '../../../electron/shared/api-types';

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('.monaco-editor') !== null;
}

/** The finding `step` away from `current` in list order (wrapping), or the first/last. */
export function stepFinding(findings: readonly FindingDto[], current: number | undefined, step: 1 | -1): FindingDto | undefined {
  if (findings.length === 0) return undefined;
  const at = findings.findIndex((f) => f.id === current);
  if (at < 0) return step === 1 ? findings[0] : findings[findings.length - 1];
  return findings[(at + step + findings.length) % findings.length];
}

export function useFindingKeys(findings: readonly FindingDto[], current: number | undefined, go: (f: FindingDto) => void): void {
  // The finding we last moved to, updated at once: a held or quickly repeated key arrives
  // before the URL change has re-rendered the screen, and must step on from there.
  const latest = useRef(current);
  useEffect(() => {
    latest.current = current;
  }, [current]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented || isTyping(e.target)) return;
      const step = e.key === 'j' || e.key === 'n' ? 1 : e.key === 'k' || e.key === 'p' ? -1 : 0;
      if (step === 0) return;
      const next = stepFinding(findings, latest.current, step);
      if (!next) return;
      e.preventDefault();
      latest.current = next.id;
      go(next);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [findings, go]);
}

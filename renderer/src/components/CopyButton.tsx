/** Copies a value (e.g. a digest) to the clipboard and says so; falls back to selecting it. */
import { useState } from 'react';
import './components.css';

export function CopyButton(props: { readonly value: string; readonly label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setState('copied');
    } catch {
      // Clipboard access can be denied (insecure origin, permissions): say so instead of failing silently.
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button type="button" className="copy-button" onClick={() => void copy()} aria-label={props.label}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text' : 'Copy'}
    </button>
  );
}

/** The CEL editor pulls in Monaco (megabytes): load it on first use, like monaco/lazy-editors.tsx. */
import { lazy, Suspense } from 'react';
import type { ComponentProps } from 'react';

const CelEditorImpl = lazy(() => import('./CelEditor').then((m) => ({ default: m.CelEditor })));

export function CelEditor(props: ComponentProps<typeof CelEditorImpl>) {
  return (
    <Suspense fallback={<p className="hint" role="status">Loading the CEL editor…</p>}>
      <CelEditorImpl {...props} />
    </Suspense>
  );
}

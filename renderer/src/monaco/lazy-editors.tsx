/**
 * Monaco is most of the app's JavaScript (megabytes): load it on first use, so the inbox and
 * the resource list of a large change set appear without waiting for the editor to parse.
 */
import { lazy, Suspense } from 'react';
import type { ComponentProps } from 'react';

const ResourceDiffImpl = lazy(() => import('./ResourceDiff').then((m) => ({ default: m.ResourceDiff })));
const SourceExcerptEditorImpl = lazy(() => import('./SourceExcerptEditor').then((m) => ({ default: m.SourceExcerptEditor })));

type DiffProps = ComponentProps<typeof ResourceDiffImpl>;
type ExcerptProps = ComponentProps<typeof SourceExcerptEditorImpl>;

export function ResourceDiff(props: DiffProps) {
  return (
    <Suspense fallback={<p className="hint" role="status">Loading the diff editor…</p>}>
      <ResourceDiffImpl {...props} />
    </Suspense>
  );
}

export function SourceExcerptEditor(props: ExcerptProps) {
  return (
    <Suspense fallback={<p className="hint" role="status">Loading the source view…</p>}>
      <SourceExcerptEditorImpl {...props} />
    </Suspense>
  );
}

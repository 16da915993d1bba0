/**
 * The selected resource: where it comes from, its findings, its image changes and its
 * attribute-level diff (the full Monaco side-by-side one click away, sized to the panel).
 */
import { useState } from 'react';
import { ErrorBox } from '../components/ErrorBox';
import { visibleName } from '../sign/format';
import { ResourceDiff } from '../monaco/lazy-editors';
import { FindingCard } from './FindingCard';
import { AttributeDiff } from './AttributeDiff';
import { ImageChanges } from './ImageChanges';
import { rowForField } from './attribute-diff-view';
import { AddAsTestButton } from '../policy-editor/AddAsTestButton';
import { useResourceDetail } from './review-queries';
import './detail.css';

type DiffView = 'attributes' | 'side-by-side';

/** Switches to the attribute view and scrolls its marked row (the selected finding's field) into view. */
function showField(setView: (v: DiffView) => void): void {
  setView('attributes');
  // After React has rendered the attribute view.
  requestAnimationFrame(() => {
    const row = document.querySelector('.attribute-diff .diff-blamed');
    row?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (row instanceof HTMLElement) row.focus({ preventScroll: true });
  });
}

/** One line saying how many paths, the paths themselves one click away (the diff labels each where it is). */
function PathList(props: { readonly label: (n: number) => string; readonly paths: readonly string[] }) {
  const n = props.paths.length;
  if (n === 0) return null;
  if (n <= 4) return <p className="hint">{props.label(n)}: {props.paths.join(', ')}</p>;
  return (
    <details className="hint path-list">
      <summary>{props.label(n)}: {props.paths.slice(0, 3).join(', ')}, …</summary>
      <p>{props.paths.join(', ')}</p>
    </details>
  );
}

export function ResourceDetailPanel(props: {
  readonly digest: string;
  readonly index: number;
  readonly selectedFindingId: number | undefined;
  readonly onSelectFinding: (id: number) => void;
}) {
  const detail = useResourceDetail(props.digest, props.index);
  const [view, setView] = useState<DiffView>('attributes');
  if (detail.isPending) return <p className="hint" role="status">Loading resource…</p>;
  if (detail.isError) return <ErrorBox title="Cannot load this resource" error={detail.error} onRetry={() => void detail.refetch()} />;
  const r = detail.data;
  const { file, line, origin } = r.location;
  const language = r.language ?? (r.source === 'kubernetes' ? 'yaml' : 'json');
  // Without an attribute diff (it could not be built) the side-by-side is all there is.
  const shownView: DiffView = r.diff ? view : 'side-by-side';
  // The selected finding's field is marked in the diff (else the first finding that names one).
  const selected = r.findings.find((f) => f.id === props.selectedFindingId);
  const blamed = (selected ?? r.findings.find((f) => f.explanation?.field))?.explanation?.field ?? null;
  return (
    <section className="resource-detail" aria-label={`Resource ${r.address}`}>
      <h2 className="resource-title"><span className={`action-chip action-${r.action}`}>{r.action}</span> {visibleName(r.address)}</h2>
      <p className="hint">
        {r.type} · {r.source} · <code>{file}:{line}</code>{origin ? <> from <code>{origin}</code></> : null}
        {r.drift && ' · changed outside the vendor tooling (drift)'}
      </p>
      <AddAsTestButton digest={props.digest} resourceIndex={r.index} address={r.address} policy={null} status={null} />
      <PathList label={(n) => `${n} sensitive value${n === 1 ? '' : 's'} masked`} paths={r.sensitivePaths} />
      <PathList label={(n) => `${n} value${n === 1 ? '' : 's'} known only after apply`} paths={r.unknownPaths} />
      <h3>Findings ({r.findings.length})</h3>
      {r.findings.length === 0 ? (
        <p className="hint">No policy fails on this resource.</p>
      ) : (
        <div className="finding-cards">
          {r.findings.map((f) => (
            <FindingCard
              key={f.id} digest={props.digest} finding={f} selected={f.id === props.selectedFindingId} onSelect={() => props.onSelectFinding(f.id)}
              {...(r.diff && rowForField(r.diff.root, f.explanation?.field) ? { onShowField: () => showField(setView) } : {})}
            />
          ))}
        </div>
      )}
      <ImageChanges images={r.images ?? []} />
      <div className="diff-heading">
        <h3>Before → after</h3>
        {r.diff && (
          <div className="diff-views" role="group" aria-label="Diff view">
            <button type="button" aria-pressed={shownView === 'attributes'} onClick={() => setView('attributes')}>Changed attributes</button>
            <button type="button" aria-pressed={shownView === 'side-by-side'} onClick={() => setView('side-by-side')}>Side by side</button>
          </div>
        )}
      </div>
      {r.beforeText === '' && r.afterText === '' ? (
        <p className="hint">No values to compare for this resource.</p>
      ) : shownView === 'attributes' && r.diff ? (
        <AttributeDiff key={`${props.digest}#${r.index}`} root={r.diff.root} row={rowForField(r.diff.root, blamed)} address={r.address} />
      ) : (
        <div className="side-by-side">
          <ResourceDiff key={r.index} address={r.address} before={r.beforeText} after={r.afterText} language={language} height="100%" />
        </div>
      )}
    </section>
  );
}

/**
 * What the unsaved draft would change on every stored change set (pending and past), streamed
 * in as the replay runs: findings that would appear, disappear or change, and verdicts that
 * would flip. Each row opens the clause that fired and the values it saw.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { ImpactRowDto } from '../../../../electron/shared/contract-editor-types';
import { ErrorBox } from '../../components/ErrorBox';
import { MiddleEllipsis } from '../../components/MiddleEllipsis';
import type { ContractDraftState } from '../use-contract-draft';
import { ImpactDetail } from './ImpactDetail';
import { IMPACT_KINDS, KIND_LABEL, filterImpactRows, progressText, sideText, verdictText } from './impact-rows';
import type { ImpactKind } from './impact-rows';
import { useImpact } from './use-impact';
import { formatDateTime, fullIso } from '../../components/date-format';

const ROW_HEIGHT = 34;

/** vendor/app/release with the release first: it is what tells two rows apart when the cell is cut. */
function LabelText(props: { readonly label: string }) {
  const cut = props.label.lastIndexOf('/');
  if (cut < 0) return <>{props.label}</>;
  return <><strong>{props.label.slice(cut + 1)}</strong> <span className="hint">{props.label.slice(0, cut)}</span></>;
}

export function ImpactPanel(props: { readonly contract: string; readonly draft: ContractDraftState }) {
  const { draft } = props;
  const active = draft.dirty && draft.problems.length === 0 && draft.view !== null;
  const { state, cancel, restart } = useImpact(props.contract, draft.text, active);
  const [kinds, setKinds] = useState<ReadonlySet<ImpactKind>>(new Set(IMPACT_KINDS));
  const [text, setText] = useState('');
  const [open, setOpen] = useState<ImpactRowDto | null>(null);
  const rows = useMemo(() => filterImpactRows(state.rows, kinds, text), [state.rows, kinds, text]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const s = state.summary;
  const running = state.status === 'running' || state.status === 'starting';

  return (
    <section className="impact-panel" aria-labelledby="impact-title" data-testid="impact-panel">
      <h2 id="impact-title">Impact of the draft on every stored change set</h2>
      {state.status === 'idle' && (
        <p className="hint">{draft.dirty ? 'The draft has problems: fix them to see its impact.' : 'No unsaved changes. Edit a parameter or an override to see what it would change, on pending and past change sets.'}</p>
      )}
      {state.status !== 'idle' && (
        <div className="impact-progress">
          {state.status === 'starting' && <span data-testid="impact-progress">Starting the replay…</span>}
          {state.status !== 'starting' && state.progress.total > 0 && (
            <label>
              <span data-testid="impact-progress">{progressText(state.progress.done, state.progress.total)}</span>
              <progress max={state.progress.total} value={state.progress.done} />
            </label>
          )}
          <span role="status" className="impact-status">
            {state.status === 'done' ? 'Replay complete.' : state.status === 'cancelled' ? 'Replay cancelled: the table is partial.' : state.status === 'error' ? 'Replay failed.' : 'Replaying…'}
          </span>
          {running && <button type="button" onClick={cancel}>Cancel replay</button>}
          {(state.status === 'cancelled' || state.status === 'error') && <button type="button" onClick={restart}>Run again</button>}
        </div>
      )}
      {state.error && <ErrorBox title="Cannot replay the draft" error={new Error(state.error)} />}
      {s && (
        <dl className="impact-summary" aria-label="Impact summary" data-testid="impact-summary">
          <div><dt>Would appear</dt><dd>{s.appear}</dd></div>
          <div><dt>Would disappear</dt><dd>{s.disappear}</dd></div>
          <div><dt>Would change</dt><dd>{s.changed}</dd></div>
          <div><dt>Verdicts flip</dt><dd>{s.verdictFlips}</dd></div>
          <div><dt>Change sets evaluated</dt><dd>{s.evaluated}</dd></div>
          {s.errors > 0 && <div className="impact-errors"><dt>Could not evaluate</dt><dd>{s.errors}</dd></div>}
        </dl>
      )}
      {state.truncated && <p className="hint warn" role="status">More differences than the table keeps: the counts above are complete, the rows are not.</p>}
      {state.problems.length > 0 && (
        <details className="impact-problems" open={state.problems.length <= 3}>
          <summary>{state.problems.length} change {state.problems.length === 1 ? 'set' : 'sets'} could not be evaluated under the draft</summary>
          <ul>{state.problems.map((p) => <li key={p.digest}><strong>{p.label}</strong>: {p.message}</li>)}</ul>
        </details>
      )}
      {state.rows.length > 0 && (
        <>
          <div className="impact-filters" role="group" aria-label="Show impact rows">
            {IMPACT_KINDS.map((k) => (
              <label key={k} className="checkbox">
                <input type="checkbox" checked={kinds.has(k)} onChange={(e) => {
                  const next = new Set(kinds);
                  if (e.target.checked) next.add(k); else next.delete(k);
                  setKinds(next);
                }} /> {KIND_LABEL[k]}
              </label>
            ))}
            <label><span className="visually-hidden">Search impact rows</span>
              <input type="search" placeholder="Search change set, policy, address…" value={text} onChange={(e) => setText(e.target.value)} />
            </label>
            <span className="hint">{rows.length} of {state.rows.length} rows</span>
          </div>
          <div className="impact-table" role="table" aria-label="Impact rows" aria-rowcount={rows.length + 1}>
            <div role="row" className="impact-row impact-head">
              <span role="columnheader">Change</span><span role="columnheader">Change set</span><span role="columnheader">Policy</span>
              <span role="columnheader">Resource</span><span role="columnheader">Before → after</span><span role="columnheader">Verdict</span>
            </div>
            <div ref={scrollRef} className="impact-body" data-testid="impact-rows">
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const r = rows[item.index]!;
                  return (
                    <div key={r.id} role="row" aria-rowindex={item.index + 2} className={`impact-row kind-${r.kind}${open?.id === r.id ? ' selected' : ''}`}
                      style={{ height: item.size, transform: `translateY(${item.start}px)` }}>
                      <span role="cell"><span className={`impact-kind ${r.kind}`}>{KIND_LABEL[r.kind]}</span></span>
                      <span role="cell" title={`${r.label} (${r.state}, evaluated at ${formatDateTime(r.at)}, ${fullIso(r.at)})`}><LabelText label={r.label} /> <span className="hint">{r.state}</span></span>
                      {/* Cut in the middle: ids and addresses that share a long start differ at the end (…-non-root / …-non-root-user). */}
                      <span role="cell" title={r.policy ?? undefined}>{r.policy !== null ? <code><MiddleEllipsis text={r.policy} /></code> : <span className="hint">—</span>}</span>
                      <span role="cell" title={r.address ?? undefined}>
                        <button type="button" className="link-button" onClick={() => setOpen(r)}
                          aria-label={r.policy !== null ? `Explain ${r.policy} on ${r.address ?? 'the change set'} in ${r.label}` : `Show the verdict of ${r.label}`}>
                          {r.address !== null ? <MiddleEllipsis text={r.address} /> : '(whole change set)'}
                        </button>
                      </span>
                      <span role="cell" title={r.kind === 'verdict' ? undefined : `${sideText(r.before)} → ${sideText(r.after)}`}>{r.kind === 'verdict' ? '' : `${sideText(r.before)} → ${sideText(r.after)}`}</span>
                      <span role="cell" title={verdictText(r)}>{verdictText(r)}</span>
                    </div>
                  );
                })}
              </div>
            </div>
          </div>
        </>
      )}
      {state.status === 'done' && state.rows.length === 0 && <p role="status" className="hint">The draft changes no finding and no verdict on any stored change set.</p>}
      {open && <ImpactDetail contract={props.contract} text={state.text} row={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

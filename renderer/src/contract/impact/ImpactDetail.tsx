/** One impact row explained: the clause of the condition that fired and the values it read (masked). */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ImpactRowDto } from '../../../../electron/shared/contract-editor-types';
import { api, unwrap } from '../../api/client';
import { ErrorBox } from '../../components/ErrorBox';
import { hrefOf } from '../../router';
import { KIND_LABEL, sideText, verdictText } from './impact-rows';
import { DateTime } from '../../components/DateTime';

export function ImpactDetail(props: { readonly contract: string; readonly text: string; readonly row: ImpactRowDto; readonly onClose: () => void }) {
  const { row } = props;
  const explained = useQuery({
    queryKey: ['explainImpact', props.contract, props.text, row.digest, row.resourceIndex, row.policy],
    enabled: row.resourceIndex !== null && row.policy !== null,
    queryFn: () => unwrap(api.explainImpact({ contract: props.contract, text: props.text, digest: row.digest, resourceIndex: row.resourceIndex!, policy: row.policy! })),
  });
  const e = explained.data;
  // Opening a row moves the focus to its detail (keyboard users land on what they opened); Escape closes it.
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [row.id]);
  return (
    <aside ref={ref} tabIndex={-1} className="impact-detail" aria-label="Impact detail" data-testid="impact-detail"
      onKeyDown={(ev) => { if (ev.key === 'Escape') props.onClose(); }}>
      <header>
        <h3>{KIND_LABEL[row.kind]}{row.policy !== null && <>: <code>{row.policy}</code></>}</h3>
        <button type="button" onClick={props.onClose}>Close</button>
      </header>
      <dl className="facts">
        <dt>Change set</dt><dd>{row.label} ({row.state}) · <a href={hrefOf({ screen: 'review', digest: row.digest, ...(row.resourceIndex !== null ? { resource: row.resourceIndex } : {}) })}>{row.resourceIndex !== null ? 'open the resource in review' : 'open in review'}</a></dd>
        <dt>Resource</dt><dd><code>{row.address ?? '(whole change set)'}</code></dd>
        <dt>Evaluated at</dt><dd><DateTime iso={row.at} /> <span className="hint">(the time its current evaluation used)</span></dd>
        <dt>Before</dt><dd>{sideText(row.before)}{row.before?.message ? ` — ${row.before.message}` : ''}</dd>
        <dt>After</dt><dd>{sideText(row.after)}{row.after?.message ? ` — ${row.after.message}` : ''}</dd>
        <dt>Verdict</dt><dd>{verdictText(row)}</dd>
      </dl>
      {(row.resourceIndex === null || row.policy === null) && (
        <p className="hint">{row.policy === null ? 'A verdict row: the rows of this change set above say which findings flip it.' : 'No stored resource has this address: there is no clause to show.'}</p>
      )}
      {explained.isFetching && <p role="status">Explaining…</p>}
      {explained.error && <ErrorBox title="Cannot explain this finding" error={explained.error} onRetry={() => void explained.refetch()} />}
      {e && (
        <>
          <p>Under the draft: <strong>{e.outcome}</strong> at <DateTime iso={e.at} />{!e.enabled && ' (the draft disables this policy: explained as if it were enabled)'}</p>
          {e.clause
            ? <><h4>The clause that did not hold</h4><pre className="impact-clause"><code>{e.clause.text}</code></pre></>
            : <p className="hint">No clause failed{e.outcome === 'not-matched' ? ': the policy does not match this resource' : ''}.</p>}
          {e.values.length > 0 && (
            <table className="impact-values" aria-label="Values the clause read">
              <thead><tr><th scope="col">Expression</th><th scope="col">Value (masked)</th></tr></thead>
              <tbody>{e.values.map((v, i) => <tr key={i}><td><code>{v.expression}</code></td><td><code>{v.value}</code></td></tr>)}</tbody>
            </table>
          )}
          {e.message && <p>{e.message}</p>}
        </>
      )}
    </aside>
  );
}

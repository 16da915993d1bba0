/**
 * A finished Fleet preview: what was evaluated, the counts (verdicts and signature statuses),
 * what the preview leaves out, export, the filters and the matrix.
 */
import { useMemo, useState } from 'react';
import type { FleetPreviewDto } from '../../../electron/shared/api-types';
import { DateTime } from '../components/DateTime';
import { visibleName } from '../sign/format';
import { FleetExport } from './FleetExport';
import { FleetMatrixTable } from './FleetMatrixTable';
import { DEFAULT_FLEET_VIEW, fleetRowsShown, fleetTally, sortedBy } from './fleet-rows';
import type { FleetView } from './fleet-rows';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function FleetResult(props: { readonly preview: FleetPreviewDto }) {
  const { matrix, releaseName, notes, previewId } = props.preview;
  const [view, setView] = useState<FleetView>(DEFAULT_FLEET_VIEW);
  const rows = useMemo(() => fleetRowsShown(matrix.rows, view), [matrix.rows, view]);
  const t = fleetTally(matrix.rows);
  const notSigned = t.unsigned + t.stale + t.badSignature;
  return (
    <section className="fleet-result" aria-label="Fleet preview result">
      <div className="fleet-summary">
        <p className="fleet-release">
          Release <strong>{visibleName(releaseName)}</strong>
          {matrix.changeSet.label !== '' && <> ({visibleName(matrix.changeSet.label)})</>}
          {' · '}{plural(matrix.changeSet.resources, 'resource')}
          {' · '}<code title={matrix.changeSet.digest}>{matrix.changeSet.digest.slice(0, 19)}…</code>
          {' · '}evaluated at <DateTime iso={matrix.at} />
        </p>
        <ul className="fleet-counts" aria-label="Counts">
          <li><strong>{plural(matrix.rows.length, 'install')}</strong></li>
          <li className="count-blocked">{t.blocked} blocked</li>
          <li className="count-approval">{t.needsApproval} need{t.needsApproval === 1 ? 's' : ''} approval</li>
          <li className="count-pass">{t.pass} pass</li>
          <li className={notSigned > 0 ? 'count-unsigned' : 'count-signed'}>
            {t.signed} signed{notSigned > 0 && <> · {[t.unsigned && `${t.unsigned} unsigned`, t.stale && `${t.stale} stale`, t.badSignature && `${t.badSignature} bad signature`].filter(Boolean).join(' · ')}</>}
          </li>
          <li className="hint">{plural(matrix.configurations, 'distinct configuration')} · {plural(matrix.distinctPolicies, 'distinct policy', 'distinct policies')}</li>
        </ul>
        <ul className="fleet-notes">
          {notes.map((n) => <li key={n}>{n}</li>)}
        </ul>
        <FleetExport previewId={previewId} />
      </div>
      <div className="fleet-filters" role="search" aria-label="Filter the matrix">
        <label>Search <input type="search" value={view.query} placeholder="install, contract or policy" onChange={(e) => setView({ ...view, query: e.target.value })} /></label>
        <label>Verdict{' '}
          <select value={view.verdict} onChange={(e) => setView({ ...view, verdict: e.target.value as FleetView['verdict'] })}>
            <option value="all">All</option>
            <option value="blocked">Blocked</option>
            <option value="needs-approval">Needs approval</option>
            <option value="pass">Pass</option>
          </select>
        </label>
        <label>Contract signature{' '}
          <select value={view.status} onChange={(e) => setView({ ...view, status: e.target.value as FleetView['status'] })}>
            <option value="all">All</option>
            <option value="signed">Signed</option>
            <option value="not-signed">Not signed (unsigned, stale, bad)</option>
            <option value="unsigned">Unsigned</option>
            <option value="stale">Stale</option>
            <option value="bad-signature">Bad signature</option>
          </select>
        </label>
        <span className="hint" role="status">{rows.length === matrix.rows.length ? `Showing all ${matrix.rows.length}` : `Showing ${rows.length} of ${matrix.rows.length}`}</span>
      </div>
      {rows.length === 0
        ? <p className="hint">No install matches these filters.</p>
        : <FleetMatrixTable rows={rows} view={view} onSort={(key) => setView(sortedBy(view, key))} />}
    </section>
  );
}

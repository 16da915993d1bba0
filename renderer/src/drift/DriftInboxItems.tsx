/**
 * Drift in the inbox (issue 12): its own item kind, one row per install (its newest snapshot),
 * with what drifted, how much is still open and the contract's verdict on the live state.
 */
import type { DriftReportSummaryDto } from '../../../electron/shared/api-types';
import { DateTime } from '../components/DateTime';
import { VerdictBadge } from '../components/VerdictBadge';
import { hrefOf } from '../router';
import { plural, SNAPSHOT_LABEL } from './drift-text';
import './drift.css';

function What(props: { readonly item: DriftReportSummaryDto }) {
  const c = props.item.counts;
  const parts = [
    c.changed > 0 ? `${c.changed} changed` : '',
    c.added > 0 ? `${c.added} added outside the pipeline` : '',
    c.removed > 0 ? `${c.removed} removed` : '',
  ].filter(Boolean);
  return <>{parts.length === 0 ? 'No drift' : parts.join(', ')}</>;
}

export function DriftInboxItems(props: { readonly items: readonly DriftReportSummaryDto[] }) {
  if (props.items.length === 0) return null;
  return (
    <section className="inbox-group drift-inbox" aria-label="Drift">
      <h2>Drift <span className="install">· live state that differs from what was approved</span></h2>
      <table>
        <thead>
          <tr><th scope="col">Install</th><th scope="col">Drift</th><th scope="col">Open</th><th scope="col">Contract on the live state</th><th scope="col">Snapshot</th><th scope="col">Received</th></tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr key={item.id}>
              <td className="title">
                <a href={hrefOf({ screen: 'drift', id: item.id })} aria-label={`Drift of ${item.install}`}>{item.install}</a>
              </td>
              <td><What item={item} /></td>
              <td>
                {item.openCount > 0
                  ? <span className="drift-open">{plural(item.openCount, 'item')} to review</span>
                  : <span className="drift-done">all acknowledged</span>}
              </td>
              <td><VerdictBadge verdict={item.verdict} /> {item.findingCount > 0 && <span className="hint">{plural(item.findingCount, 'finding')}</span>}</td>
              <td className="drift-snapshot">{SNAPSHOT_LABEL[item.snapshotKind]}</td>
              <td><DateTime iso={item.createdAt} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

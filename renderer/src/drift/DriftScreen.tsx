/**
 * One drift report (issue 12): what a live snapshot of an install shows against the last
 * approved change set, item by item (field-level diffs approved → live, "changed by <manager>",
 * "added outside the pipeline", "removed"), the contract's findings on the live state, and a
 * signed acknowledgement (or "to be reverted by the vendor") per item.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DriftFindingDto, DriftItemDto, ReviewerKeyDto } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';
import { DateTime } from '../components/DateTime';
import { ErrorBox } from '../components/ErrorBox';
import { readable } from './drift-value';
import { VerdictBadge } from '../components/VerdictBadge';
import { useKeyList, usableKeys } from '../keys/key-queries';
import { hrefOf } from '../router';
import { AcknowledgeForm } from './AcknowledgeForm';
import { KIND_LABEL, MODE_LABEL, plural, SNAPSHOT_LABEL } from './drift-text';
import './drift.css';

function Findings(props: { readonly findings: readonly DriftFindingDto[] }) {
  if (props.findings.length === 0) return null;
  return (
    <ul className="drift-findings" aria-label="Findings on the live state">
      {props.findings.map((f, i) => (
        <li key={`${f.policy}-${i}`}>
          <span className={`severity-${f.severity}`}>{f.severity}</span> <span className="hint">{f.enforcement}</span>{' '}
          <strong>{f.title || f.policy}</strong>: {f.message}
          {f.remediation !== '' && <div className="hint">{f.remediation}</div>}
        </li>
      ))}
    </ul>
  );
}

function Fields(props: { readonly item: DriftItemDto }) {
  const { item } = props;
  if (item.kind === 'added') return <p className="hint">Exists live but was never in an approved change set.</p>;
  if (item.kind === 'removed') return <p className="hint">Approved, but missing live.</p>;
  return (
    <table className="drift-fields">
      <thead><tr><th scope="col">Field</th><th scope="col">Approved</th><th scope="col">Live</th></tr></thead>
      <tbody>
        {item.fields.map((f) => (
          <tr key={f.path}>
            <th scope="row"><code>{f.path}</code>{f.changedBy !== undefined && <div className="drift-changed-by">changed by {f.changedBy}</div>}</th>
            <td><code className="drift-approved">{readable(f.approved)}</code></td>
            <td><code className="drift-live">{readable(f.live)}</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Item(props: { readonly item: DriftItemDto; readonly keys: readonly ReviewerKeyDto[]; readonly history: boolean; readonly onSigned: (file: string) => void }) {
  const { item } = props;
  const ack = item.acknowledgement;
  return (
    <article className={`drift-item drift-${item.kind}`} aria-label={`${KIND_LABEL[item.kind]}: ${item.address}`}>
      <header>
        <span className={`drift-kind kind-${item.kind}`}>{KIND_LABEL[item.kind]}</span>
        <code className="drift-address">{item.address}</code>
        <span className="hint">{item.type}</span>
        {item.location && <span className="hint drift-location">{item.location.file}:{item.location.line}</span>}
      </header>
      {item.otherManagersOnly && <p className="hint">Every change here belongs to another field manager (cluster automation): not vendor drift.</p>}
      <Fields item={item} />
      <Findings findings={item.findings} />
      {ack !== null ? (
        <p className={`drift-ack mode-${ack.mode}`}>
          <strong>{MODE_LABEL[ack.mode]}</strong> by {ack.reviewer || ack.keyId.slice(0, 19)} on <DateTime iso={ack.time} />: {ack.note}
          <span className="hint"> (signed)</span>
        </p>
      ) : item.otherManagersOnly || props.history ? null : (
        <AcknowledgeForm item={item} keys={props.keys} onSigned={props.onSigned} />
      )}
    </article>
  );
}

export function DriftScreen(props: { readonly id: number }) {
  const report = useQuery({ queryKey: ['getDriftReport', props.id], queryFn: () => unwrap(api.getDriftReport({ id: props.id })) });
  const keys = useKeyList();
  const [written, setWritten] = useState<string | null>(null);
  if (report.isPending) return <p role="status" className="hint">Loading the drift report…</p>;
  if (report.isError) return <ErrorBox title="Cannot load this drift report" error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  const signing = usableKeys(keys.data?.reviewerKeys);
  // Findings on resources no item names (a drifted resource's neighbour evaluated with it) are listed apart.
  const named = new Set(r.items.map((i) => i.address));
  const others = r.findings.filter((f) => !named.has(f.address));
  // What still needs a decision first; acknowledged and other managers' items after (stable otherwise).
  const settled = (i: DriftItemDto) => (i.acknowledgement !== null || i.otherManagersOnly ? 1 : 0);
  const ordered = [...r.items].sort((a, b) => settled(a) - settled(b));
  return (
    <div className="drift-screen">
      <p className="hint"><a href={hrefOf({ screen: 'inbox' })}>Inbox</a> › Drift</p>
      <h1>Drift of {r.install}</h1>
      <dl className="drift-facts">
        <dt>Snapshot</dt><dd>{SNAPSHOT_LABEL[r.snapshotKind]}: <code>{r.snapshotFile}</code> <span className="hint">(sha256 {r.snapshotSha256.slice(0, 12)}…)</span></dd>
        <dt>Compared with</dt>
        <dd>{r.approvedChangeSet !== ''
          ? <a href={hrefOf({ screen: 'review', digest: r.approvedChangeSet })}>the approved change set {r.approvedChangeSet.slice(0, 19)}…</a>
          : 'the state Terraform last recorded (a refresh-only plan carries its own before and after)'}</dd>
        <dt>Contract on the live state</dt><dd><VerdictBadge verdict={r.verdict} /> {plural(r.findingCount, 'finding')}</dd>
        <dt>Received</dt><dd><DateTime iso={r.createdAt} /></dd>
      </dl>
      {r.superseded && <p className="drift-superseded" role="note">A newer snapshot of this install was imported: this report is history.</p>}
      <p className="drift-summary">
        {plural(r.itemCount, 'drifted resource')}: {r.counts.changed} changed, {r.counts.added} added outside the pipeline, {r.counts.removed} removed.{' '}
        {r.openCount > 0 ? <strong>{plural(r.openCount, 'item')} to review.</strong> : 'Every item is acknowledged.'}
      </p>
      {written && <p role="status" className="drift-written">Signed. The file for the vendor is in the outbox: <code>{written}</code></p>}
      {r.items.length === 0 && <p className="hint">No drift: the live state matches what was approved.</p>}
      <div className="drift-items">
        {ordered.map((item) => <Item key={item.key} item={item} keys={signing} history={r.superseded} onSigned={setWritten} />)}
      </div>
      {others.length > 0 && (
        <section aria-label="Other findings">
          <h2>Other findings on the live state</h2>
          <Findings findings={others} />
        </section>
      )}
    </div>
  );
}

/**
 * Which findings one exception waives: a searchable list grouped by policy, virtualised (only
 * the visible rows are in the DOM, so thousands of findings scroll like ten), with a checkbox on
 * each finding an exception can waive and on each policy. The selection buttons (all deny
 * findings, by severity, by resource pattern) ask the core, which applies the contract's glob
 * rules; the result is always a set of exact addresses. Findings that cannot be waived are shown
 * with the reason, never selectable.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import type { FindingDto, Severity, WaiverPreviewDto } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';
import { MiddleEllipsis } from '../components/MiddleEllipsis';
import { InlineError } from './errors';
import { visibleName } from './format';
import { notWaivable, pickKey } from './waivable';
import type { Pick } from './waivable';

const ROW_HEIGHT = 28;
const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export { blockingFindings, notWaivable, pickKey } from './waivable';
export type { Pick } from './waivable';

type Row =
  | { readonly kind: 'policy'; readonly policy: string; readonly title: string; readonly findings: readonly FindingDto[] }
  | { readonly kind: 'finding'; readonly finding: FindingDto };

export function FindingPicker(props: {
  readonly digest: string;
  readonly findings: readonly FindingDto[];
  readonly selected: ReadonlySet<string>;
  readonly onChange: (next: ReadonlySet<string>) => void;
}) {
  const { findings, selected, onChange } = props;
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [severity, setSeverity] = useState<Severity>('critical');
  const [pattern, setPattern] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);

  const waivable = useMemo(() => findings.filter((f) => notWaivable(f) === null), [findings]);
  const rows = useMemo(() => groupedRows(findings, query), [findings, query]);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  const setMany = (picks: readonly Pick[], on: boolean) => {
    const next = new Set(selected);
    for (const p of picks) {
      if (on) next.add(pickKey(p));
      else next.delete(pickKey(p));
    }
    onChange(next);
  };
  /** Adds what the core selects (its glob rules, its idea of waivable). */
  const addFromCore = async (selector: Parameters<typeof api.previewWaivers>[0]['selector']) => {
    setError(null);
    setBusy(true);
    try {
      const preview: WaiverPreviewDto = await unwrap(api.previewWaivers({ digest: props.digest, selector }));
      setMany(preview.waives, true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="finding-picker" role="group" aria-label="Findings to waive">
      <div className="picker-tools">
        <button type="button" disabled={busy} onClick={() => void addFromCore({ allDeny: true })}>All deny findings</button>
        <span className="picker-tool">
          <label className="visually-hidden" htmlFor={`${searchId}-severity`}>Severity to select</label>
          <select id={`${searchId}-severity`} value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
          <button type="button" disabled={busy} onClick={() => void addFromCore({ severities: [severity] })}>Select severity</button>
        </span>
        <span className="picker-tool">
          <label className="visually-hidden" htmlFor={`${searchId}-pattern`}>Resource pattern to select</label>
          <input id={`${searchId}-pattern`} value={pattern} placeholder="module.db.* (glob)" spellCheck={false} onChange={(e) => setPattern(e.target.value)} />
          <button type="button" disabled={busy || pattern.trim() === ''} onClick={() => void addFromCore({ resourcePattern: pattern })}>Select matching</button>
        </span>
        <button type="button" disabled={selected.size === 0} onClick={() => onChange(new Set())}>Clear</button>
      </div>
      <InlineError error={error} />
      <label htmlFor={searchId}>Search findings</label>
      <input id={searchId} type="search" value={query} placeholder="Policy, address or message" onChange={(e) => setQuery(e.target.value)} />
      <p className="hint" data-testid="picker-counts">
        {selected.size} selected · {waivable.length} waivable · {findings.length} findings{query ? ` · ${rows.filter((r) => r.kind === 'finding').length} match the search` : ''}
      </p>
      <div ref={scrollRef} className="picker-list" data-testid="finding-picker-list">
        <ul style={{ height: virtualizer.getTotalSize() }} aria-label="Findings by policy">
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const style = { height: item.size, transform: `translateY(${item.start}px)` };
            return row.kind === 'policy'
              ? <PolicyRow key={`p:${row.policy}`} row={row} selected={selected} style={style} onToggle={setMany} />
              : <FindingRow key={`f:${row.finding.id}`} finding={row.finding} checked={selected.has(pickKey(row.finding))} style={style} onToggle={(on) => setMany([row.finding], on)} />;
          })}
        </ul>
      </div>
    </div>
  );
}

function PolicyRow(props: { readonly row: Extract<Row, { kind: 'policy' }>; readonly selected: ReadonlySet<string>; readonly style: CSSProperties; readonly onToggle: (picks: readonly Pick[], on: boolean) => void }) {
  const { row } = props;
  const open = row.findings.filter((f) => notWaivable(f) === null);
  const chosen = open.filter((f) => props.selected.has(pickKey(f))).length;
  return (
    <li className="picker-row policy" style={props.style}>
      <label title={row.title}>
        <input type="checkbox" disabled={open.length === 0} checked={open.length > 0 && chosen === open.length}
          ref={(el) => { if (el) el.indeterminate = chosen > 0 && chosen < open.length; }}
          onChange={(e) => props.onToggle(open, e.target.checked)} aria-label={`Select all ${open.length} waivable findings of ${row.policy}`} />
        <strong>{row.policy}</strong> <span className="hint picker-count">{open.length === 0 ? 'not waivable here' : `${chosen} of ${open.length} selected`} · {row.findings.length} finding{row.findings.length === 1 ? '' : 's'}</span>
      </label>
    </li>
  );
}

function FindingRow(props: { readonly finding: FindingDto; readonly checked: boolean; readonly style: CSSProperties; readonly onToggle: (on: boolean) => void }) {
  const f = props.finding;
  const why = notWaivable(f);
  return (
    <li className={`picker-row finding${why ? ' locked' : ''}`} style={props.style} title={`${visibleName(f.address)}: ${f.message}`}>
      <label>
        <input type="checkbox" disabled={why !== null} checked={props.checked} onChange={(e) => props.onToggle(e.target.checked)}
          aria-label={`Waive ${f.policy} on ${visibleName(f.address)}`} />
        <span className={`badge ${f.severity === 'critical' || f.severity === 'high' ? 'deny' : 'advisory'}`}>{f.severity}</span>
        <code className="address"><MiddleEllipsis text={visibleName(f.address)} /></code>
        {f.disambiguator && <span className="disambiguator" title="The address repeats: an exception waives it on every resource with this address">{visibleName(f.disambiguator)}</span>}
        {why && <span className="badge pending">{why}</span>}
      </label>
    </li>
  );
}

/** Policy headers, each followed by its findings, filtered by the search (policy, title, address, message). */
function groupedRows(findings: readonly FindingDto[], query: string): Row[] {
  const q = query.trim().toLowerCase();
  const byPolicy = new Map<string, FindingDto[]>();
  for (const f of findings) {
    const list = byPolicy.get(f.policy);
    if (list) list.push(f);
    else byPolicy.set(f.policy, [f]);
  }
  const rows: Row[] = [];
  for (const [policy, list] of [...byPolicy.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const policyHit = q === '' || policy.toLowerCase().includes(q) || (list[0]?.title ?? '').toLowerCase().includes(q);
    const shown = policyHit ? list : list.filter((f) => f.address.toLowerCase().includes(q) || f.message.toLowerCase().includes(q));
    if (shown.length === 0) continue;
    rows.push({ kind: 'policy', policy, title: list[0]?.title ?? policy, findings: list });
    for (const f of [...shown].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0))) rows.push({ kind: 'finding', finding: f });
  }
  return rows;
}

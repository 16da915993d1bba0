/**
 * Dashboard (issue 12): per vendor and install, findings per release over time (by severity or
 * enforcement), approval lead time, exceptions in force and expiring soon, the most-violated
 * policies and open drift items. Read-only figures the workspace keeps summary rows for.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { EmptyState } from '../components/EmptyState';
import { ErrorBox } from '../components/ErrorBox';
import { ExceptionsTable } from './ExceptionsTable';
import { FindingsTrendChart } from './FindingsTrendChart';
import { hoursText, LeadTimeChart } from './LeadTimeChart';
import { MostViolatedChart } from './MostViolatedChart';
import './dashboard.css';

function Tile(props: { readonly label: string; readonly value: string; readonly warn?: boolean; readonly testId?: string }) {
  return (
    <div className={`dashboard-tile${props.warn ? ' warn' : ''}`} data-testid={props.testId}>
      <span className="value">{props.value}</span>
      <span className="label">{props.label}</span>
    </div>
  );
}

export function DashboardScreen() {
  const [vendor, setVendor] = useState<string>('');
  const [install, setInstall] = useState<string>('');
  const input = vendor === '' ? {} : install === '' ? { vendor } : { vendor, install };
  const q = useQuery({ queryKey: ['getDashboard', vendor, install], queryFn: () => unwrap(api.getDashboard(input)), placeholderData: (prev) => prev });
  const d = q.data;
  const installs = d?.vendors.find((v) => v.vendor === vendor)?.installs ?? [];
  return (
    <div className="dashboard-screen">
      <h1>Dashboard</h1>
      {q.error && <ErrorBox title="Cannot read the dashboard" error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending && <p role="status">Reading the figures…</p>}
      {d && d.vendors.length === 0 && (
        <EmptyState title="Nothing to chart yet">
          <p>The dashboard shows findings per release, approval lead time, exceptions and drift once change sets are imported. Import a vendor's change set from the Inbox.</p>
        </EmptyState>
      )}
      {d && d.vendors.length > 0 && (
        <>
          <div className="dashboard-scope">
            <label>Vendor{' '}
              <select value={vendor} onChange={(e) => { setVendor(e.target.value); setInstall(''); }}>
                <option value="">All vendors</option>
                {d.vendors.map((v) => <option key={v.vendor} value={v.vendor}>{v.label}</option>)}
              </select>
            </label>
            <label>Install{' '}
              <select value={install} disabled={vendor === ''} onChange={(e) => setInstall(e.target.value)}>
                <option value="">All installs</option>
                {installs.map((i) => <option key={i.install} value={i.install}>{i.label}</option>)}
              </select>
            </label>
            {q.isFetching && <span className="hint" role="status">Updating…</span>}
          </div>
          <div className="dashboard-tiles">
            <Tile label="change sets" value={String(d.changeSets)} testId="tile-change-sets" />
            <Tile label="median lead time to a final decision" value={hoursText(d.leadTime.medianHours)} testId="tile-lead-time" />
            <Tile label="exceptions in force" value={String(d.exceptions.inForce)} testId="tile-exceptions" />
            <Tile label={`expiring within ${d.exceptions.warningDays} days`} value={String(d.exceptions.expiringSoon)} warn={d.exceptions.expiringSoon > 0} testId="tile-expiring" />
            <Tile label="drift items open" value={String(d.openDrift)} warn={d.openDrift > 0} testId="tile-drift" />
          </div>
          <div className="dashboard-grid">
            <section className="dashboard-card dashboard-trend" aria-label="Findings per release">
              <h2>Findings per release</h2>
              <p className="hint">Each release's change sets, as their latest evaluation found them{d.releases.length >= 100 ? ' (the latest 100 releases)' : ''}.</p>
              {d.releases.length === 0 ? <p className="hint">No evaluated change set here yet.</p> : <FindingsTrendChart releases={d.releases} />}
            </section>
            <section className="dashboard-card" aria-label="Approval lead time">
              <h2>Approval lead time</h2>
              <p className="hint">Received → final decision: {d.leadTime.decided} decided, median {hoursText(d.leadTime.medianHours)}, 90% within {hoursText(d.leadTime.p90Hours)}.</p>
              {d.leadTime.recent.length === 0 ? <p className="hint">No change set has a final decision here yet.</p> : <LeadTimeChart lead={d.leadTime} />}
            </section>
            <section className="dashboard-card" aria-label="Most-violated policies">
              <h2>Most-violated policies</h2>
              <p className="hint">Findings in each change set's latest evaluation (shadow policies weigh nothing).</p>
              {d.mostViolated.length === 0 ? <p className="hint">No policy has findings here.</p> : <MostViolatedChart policies={d.mostViolated} />}
            </section>
            <section className="dashboard-card" aria-label="Exceptions in force">
              <h2>Exceptions in force</h2>
              <p className="hint">{d.exceptions.inForce} in force (signatures verified), {d.exceptions.expiringSoon} expiring within {d.exceptions.warningDays} days.</p>
              {d.exceptions.notCounted > 0 && (
                <p className="dashboard-not-counted" role="note" data-testid="exceptions-not-counted">
                  {d.exceptions.notCounted} held but not counted: {d.exceptions.notCounted === 1 ? 'its signatures do' : 'their signatures do'} not verify with a key this workspace trusts, or not enough people signed. Open the change set to see why.
                </p>
              )}
              <ExceptionsTable exceptions={d.exceptions} />
            </section>
          </div>
        </>
      )}
    </div>
  );
}

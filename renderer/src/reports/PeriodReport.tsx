/** The audit report of a period for an install or a vendor (issue 12), from the inbox header. */
import { useState } from 'react';
import { AuditReportButtons } from './AuditReportExport';
import type { AuditReportScope } from './AuditReportExport';
import './reports.css';

const today = (): string => new Date().toISOString().slice(0, 10);
const monthAgo = (): string => new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);

export function PeriodReport() {
  const [install, setInstall] = useState('');
  const [vendor, setVendor] = useState('');
  const [since, setSince] = useState(monthAgo);
  const [until, setUntil] = useState(today);
  const [problem, setProblem] = useState<string | null>(null);
  const scope = (): AuditReportScope | null => {
    if (install.trim() === '' && vendor.trim() === '') {
      setProblem('Name an install or a vendor (or both).');
      return null;
    }
    if (since === '') {
      setProblem('Choose the first day of the period.');
      return null;
    }
    setProblem(null);
    return { ...(install.trim() ? { install: install.trim() } : {}), ...(vendor.trim() ? { vendor: vendor.trim() } : {}), since, ...(until ? { until } : {}) };
  };
  return (
    <details className="audit-report-menu period-report">
      <summary>Period audit report</summary>
      <div className="period-fields" role="group" aria-label="Period of the audit report">
        <label>Install <input value={install} onChange={(e) => setInstall(e.target.value)} placeholder="e.g. prod-eu" maxLength={200} /></label>
        <label>Vendor <input value={vendor} onChange={(e) => setVendor(e.target.value)} placeholder="e.g. Acme Analytics" maxLength={200} /></label>
        <label>From <input type="date" value={since} onChange={(e) => setSince(e.target.value)} /></label>
        <label>To <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} /></label>
      </div>
      {problem && <p className="inline-error" role="alert">{problem}</p>}
      <p className="hint">The change sets received in the period (dates in UTC, both days included), with drift and the audit chain.</p>
      <AuditReportButtons label="Export the period report as" scope={scope} />
    </details>
  );
}

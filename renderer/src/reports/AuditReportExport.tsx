/**
 * "Export audit report" (issue 12): the host builds the report (never the page); the desktop app
 * saves it where the user chooses, browser mode downloads the file. R2 adds PDF beside these.
 */
import { useState } from 'react';
import type { ApiInput } from '../../../electron/shared/api-contract';
import type { AuditReportExportDto, AuditReportExportFormat } from '../../../electron/shared/api-types';
import { api, ApiError, localFiles } from '../api/client';
import { ErrorBox } from '../components/ErrorBox';
import { AuditReportPdfButtons } from './AuditReportPdf';
import './reports.css';

export const AUDIT_REPORT_FORMATS: readonly { readonly format: AuditReportExportFormat; readonly label: string }[] = [
  { format: 'html', label: 'HTML' }, { format: 'json', label: 'JSON' }, { format: 'sarif', label: 'SARIF' }, { format: 'junit', label: 'JUnit' },
];

/** What the report covers: one change set, or a period (the form's values). */
export type AuditReportScope =
  | { readonly changeSet: string }
  | { readonly install?: string; readonly vendor?: string; readonly since: string; readonly until?: string };

function download(r: AuditReportExportDto): void {
  const url = URL.createObjectURL(new Blob([r.text], { type: r.mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = r.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, so the download can start.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The format buttons and the outcome line; `scope` is read when a button is pressed (null: the form is not complete). */
export function AuditReportButtons(props: { readonly scope: () => AuditReportScope | null; readonly label: string }) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<AuditReportExportDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const exportAs = async (format: AuditReportExportFormat) => {
    const scope = props.scope();
    if (scope === null) return;
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await api.exportAuditReport({ ...scope, format } as ApiInput<'exportAuditReport'>);
    setBusy(false);
    if (!r.ok) {
      setError(ApiError.of(r));
      return;
    }
    if (!localFiles) download(r.value);
    setDone(r.value);
  };
  return (
    <div className="audit-report-export" role="group" aria-label={props.label}>
      {AUDIT_REPORT_FORMATS.map((f) => (
        <button key={f.format} type="button" onClick={() => void exportAs(f.format)} disabled={busy}>{f.label}</button>
      ))}
      <AuditReportPdfButtons scope={props.scope} />
      {busy && <span className="hint" role="status">Building the report…</span>}
      {done && (
        <span className="hint" role="status">
          {done.savedAs ? <>Saved {done.summary} to <code>{done.savedAs}</code></> : localFiles ? 'Not saved (cancelled).' : <>Downloaded <code>{done.fileName}</code> ({done.summary})</>}
        </span>
      )}
      {error !== null && <ErrorBox title="Could not export the audit report" error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}

/** On the review screen: the audit report of this change set. */
export function AuditReportExport(props: { readonly digest: string }) {
  return (
    <details className="audit-report-menu">
      <summary>Export audit report</summary>
      <p className="hint">For an auditor: contract and publication, verdict and findings, exceptions, approvals with their signature checks, drift and the audit chain.</p>
      <AuditReportButtons label="Export the audit report as" scope={() => ({ changeSet: props.digest })} />
    </details>
  );
}

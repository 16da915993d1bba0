/**
 * "PDF" and "Evidence bundle" beside the audit report's text formats (issue 12, R2). The host
 * prints the PDF (the desktop app with printToPDF, browser mode with a headless Chromium) and
 * writes the evidence bundle; the page only shows where it went.
 */
import { useState } from 'react';
import type { ApiInput } from '../../../electron/shared/api-contract';
import type { AuditReportPdfDto, EvidenceBundleDto } from '../../../electron/shared/api-types';
import { api, ApiError, localFiles } from '../api/client';
import { ErrorBox } from '../components/ErrorBox';
import type { AuditReportScope } from './AuditReportExport';

function downloadPdf(r: AuditReportPdfDto): void {
  if (r.dataBase64 === null) return;
  const bytes = Uint8Array.from(atob(r.dataBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: r.mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = r.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Outcome = { readonly pdf: AuditReportPdfDto } | { readonly bundle: EvidenceBundleDto };

export function AuditReportPdfButtons(props: { readonly scope: () => AuditReportScope | null }) {
  const [busy, setBusy] = useState<null | 'pdf' | 'bundle'>(null);
  const [done, setDone] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (what: 'pdf' | 'bundle') => {
    const scope = props.scope();
    if (scope === null) return;
    setBusy(what);
    setError(null);
    setDone(null);
    if (what === 'pdf') {
      const r = await api.exportAuditReportPdf(scope as ApiInput<'exportAuditReportPdf'>);
      setBusy(null);
      if (!r.ok) return setError(ApiError.of(r));
      if (!localFiles) downloadPdf(r.value);
      setDone({ pdf: r.value });
    } else {
      const r = await api.exportEvidenceBundle(scope as ApiInput<'exportEvidenceBundle'>);
      setBusy(null);
      if (!r.ok) return setError(ApiError.of(r));
      setDone({ bundle: r.value });
    }
  };
  return (
    <>
      <button type="button" onClick={() => void run('pdf')} disabled={busy !== null}>PDF</button>
      <button type="button" onClick={() => void run('bundle')} disabled={busy !== null}>Evidence bundle</button>
      {busy === 'pdf' && <span className="hint" role="status">Printing the PDF…</span>}
      {busy === 'bundle' && <span className="hint" role="status">Writing the evidence bundle…</span>}
      {done && 'pdf' in done && (
        <span className="hint" role="status">
          {done.pdf.savedAs ? <>Saved the PDF ({done.pdf.summary}) to <code>{done.pdf.savedAs}</code></> : localFiles ? 'Not saved (cancelled).' : <>Downloaded <code>{done.pdf.fileName}</code> ({done.pdf.summary})</>}
        </span>
      )}
      {done && 'bundle' in done && (
        <span className="hint evidence-outcome" role="status">
          {done.bundle.dir === null ? done.bundle.note : <>
            Wrote the evidence bundle ({done.bundle.files} files, {done.bundle.summary}) to <code>{done.bundle.dir}</code>. {done.bundle.note}
            {' '}An auditor checks it offline with <code>{done.bundle.verifyCommand}</code>.
          </>}
        </span>
      )}
      {error !== null && <ErrorBox title={busy === 'bundle' ? 'Could not write the evidence bundle' : 'Could not export the audit report'} error={error} onDismiss={() => setError(null)} />}
    </>
  );
}

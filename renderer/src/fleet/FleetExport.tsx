/**
 * Export of the preview the host computed (never a matrix the page rebuilt): the desktop app
 * saves it where the user chooses; browser mode downloads the file.
 */
import { useState } from 'react';
import type { FleetExportDto } from '../../../electron/shared/api-types';
import { api, ApiError, localFiles } from '../api/client';
import { ErrorBox } from '../components/ErrorBox';

function download(fileName: string, format: 'html' | 'json', text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: format === 'html' ? 'text/html' : 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, so the download can start.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function FleetExport(props: { readonly previewId: string }) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<FleetExportDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const exportAs = async (format: 'html' | 'json') => {
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await api.exportFleetPreview({ previewId: props.previewId, format });
    setBusy(false);
    if (!r.ok) {
      setError(ApiError.of(r));
      return;
    }
    if (!localFiles) download(r.value.fileName, format, r.value.text);
    setDone(r.value);
  };
  return (
    <div className="fleet-export" role="group" aria-label="Export the matrix">
      <button type="button" onClick={() => void exportAs('html')} disabled={busy}>Export HTML</button>
      <button type="button" onClick={() => void exportAs('json')} disabled={busy}>Export JSON</button>
      {done && (
        <span className="hint" role="status">
          {done.savedAs ? <>Saved to <code>{done.savedAs}</code></> : localFiles ? 'Not saved (cancelled).' : <>Downloaded <code>{done.fileName}</code></>}
        </span>
      )}
      {error !== null && <ErrorBox title="Could not export the matrix" error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}

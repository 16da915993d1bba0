/** The selected resource: where it comes from, its before/after diff, and its findings. */
import { ErrorBox } from '../components/ErrorBox';
import { ResourceDiff } from '../monaco/lazy-editors';
import { FindingCard } from './FindingCard';
import { AddAsTestButton } from '../policy-editor/AddAsTestButton';
import { useResourceDetail } from './review-queries';

export function ResourceDetailPanel(props: {
  readonly digest: string;
  readonly index: number;
  readonly selectedFindingId: number | undefined;
  readonly onSelectFinding: (id: number) => void;
}) {
  const detail = useResourceDetail(props.digest, props.index);
  if (detail.isPending) return <p className="hint" role="status">Loading resource…</p>;
  if (detail.isError) return <ErrorBox title="Cannot load this resource" error={detail.error} onRetry={() => void detail.refetch()} />;
  const r = detail.data;
  const { file, line, origin } = r.location;
  const language = r.language ?? (r.source === 'kubernetes' ? 'yaml' : 'json');
  return (
    <section className="resource-detail" aria-label={`Resource ${r.address}`}>
      <h2 className="resource-title"><span className={`action-chip action-${r.action}`}>{r.action}</span> {r.address}</h2>
      <p className="hint">
        {r.type} · {r.source} · <code>{file}:{line}</code>{origin ? <> from <code>{origin}</code></> : null}
        {r.drift && ' · changed outside the vendor tooling (drift)'}
      </p>
      <AddAsTestButton digest={props.digest} resourceIndex={r.index} address={r.address} policy={null} status={null} />
      {r.sensitivePaths.length > 0 && <p className="hint">Sensitive values are masked: {r.sensitivePaths.join(', ')}</p>}
      {r.unknownPaths.length > 0 && <p className="hint">Known only after apply: {r.unknownPaths.join(', ')}</p>}
      <h3>Findings ({r.findings.length})</h3>
      {r.findings.length === 0 ? (
        <p className="hint">No policy fails on this resource.</p>
      ) : (
        <div className="finding-cards">
          {r.findings.map((f) => (
            <FindingCard key={f.id} digest={props.digest} finding={f} selected={f.id === props.selectedFindingId} onSelect={() => props.onSelectFinding(f.id)} />
          ))}
        </div>
      )}
      <h3>Before → after</h3>
      {r.beforeText === '' && r.afterText === '' ? (
        <p className="hint">No values to compare for this resource.</p>
      ) : (
        <ResourceDiff key={r.index} address={r.address} before={r.beforeText} after={r.afterText} language={language} />
      )}
    </section>
  );
}

/**
 * Fleet preview (issue 13): a vendor drops a release and the customers' published contracts and
 * sees, per install, whether the release would pass, need approval or block, on which policies,
 * and whether each contract's publication holds. Also for a customer with several installs.
 * Nothing is stored: it is a preview, exportable as HTML or JSON.
 */
import { ErrorBox } from '../components/ErrorBox';
import { FleetDropZone } from './FleetDropZone';
import { FleetResult } from './FleetResult';
import { useFleetPreview } from './use-fleet-preview';
import type { FleetTrustChoice } from './use-fleet-preview';
import '../inbox/inbox.css';
import './fleet.css';

const MB = 1024 * 1024;

export function FleetScreen() {
  // Runs as soon as both sides hold files, and again when either side or the trust changes.
  const { release, contracts, trust, state, busy, choose } = useFleetPreview();
  return (
    // A drop beside the two areas does nothing (the browser would otherwise open the file in place of the app).
    <div className="fleet-screen" onDragOver={(e) => e.preventDefault()} onDrop={(e) => e.preventDefault()}>
      <h1>Fleet preview</h1>
      <p className="fleet-intro">
        One release against your customers' published contracts: which installs would block it, and on what. Nothing is stored in
        the workspace. The same matrix as <code>countersign fleet --contracts DIR RELEASE</code>.
      </p>
      <div className="fleet-inputs">
        <FleetDropZone id="fleet-release" title="Release" hint="A bundle folder or archive (with its changeset.yaml), or Terraform plan JSON / Kubernetes manifests."
          picked={release} disabled={busy} onPicked={(p) => choose({ release: p })} />
        <FleetDropZone id="fleet-contracts" title="Customers' contracts" hint="A folder of contracts (*.yaml, *.yml, *.json) with their *.publication.json files, or the files themselves. One install per contract."
          picked={contracts} disabled={busy} onPicked={(p) => choose({ contracts: p })} />
      </div>
      <div className="fleet-run">
        <label>Check publications against{' '}
          <select value={trust} disabled={busy} onChange={(e) => choose({ trust: e.target.value as FleetTrustChoice })}>
            <option value="own-roster">each contract's own roster</option>
            <option value="workspace">the contract-owner keys in Keys &amp; trust</option>
          </select>
        </label>
        <button type="button" disabled={busy || release.length === 0 || contracts.length === 0} onClick={() => choose({})}>
          {state.phase === 'done' || state.phase === 'failed' ? 'Run again' : 'Preview'}
        </button>
        {state.phase === 'sending' && (
          <label className="fleet-progress" role="status">Sending the files… {(state.sent / MB).toFixed(1)} of {(state.total / MB).toFixed(1)} MB
            <progress max={state.total} value={state.sent} />
          </label>
        )}
        {state.phase === 'evaluating' && <span className="fleet-progress" role="status">Evaluating the release against the contracts…</span>}
      </div>
      {state.phase === 'failed' && <ErrorBox title="Could not preview the fleet; nothing was stored" error={state.error}>
        <p className="hint">Fix the file named above (or drop the right one) and run again.</p>
      </ErrorBox>}
      {state.phase === 'idle' && (
        <p className="hint fleet-empty" role="status">Drop a release and the customers' contracts to see the matrix.</p>
      )}
      {state.phase === 'done' && <FleetResult key={state.preview.previewId} preview={state.preview} />}
    </div>
  );
}

/**
 * The policy's tests, run on the draft after every change, pass/fail inline with the reason;
 * a resource offered by "Add as test" (review screen) becomes a test here. Saving is blocked
 * while a test fails (the save dialog says so; the host refuses such a save as well).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ContractDraftState } from '../contract/use-contract-draft';
import { api } from '../api/client';
import { ErrorBox } from '../components/ErrorBox';
import { usePolicyTests } from './editor-queries';
import { useLoadedPolicy } from './use-loaded-policy';
import { captureFor, clearCapture, noteOwnPolicies, pendingCapture, subscribeCapture } from './pending-capture';
import type { PendingCapture, TestExpectation } from './pending-capture';
import './policy-editor.css';

export function PolicyTestsPanel(props: { readonly contract: string; readonly draft: ContractDraftState; readonly policyId: string }) {
  const { contract, draft, policyId } = props;
  const { policy } = useLoadedPolicy(draft, policyId);
  const tests = usePolicyTests(contract, policy?.pack === '' ? draft.text : '', policyId);
  const ownIds = (draft.view?.policies ?? []).filter((p) => p.pack === '').map((p) => p.id);
  const capture = captureFor(useSyncExternalStore(subscribeCapture, pendingCapture), policyId, ownIds);
  const ownKey = ownIds.join('\n');
  // Remembered for "Add as test" on the review screen: it opens this policy again.
  useEffect(() => noteOwnPolicies(contract, ownKey.split('\n').filter(Boolean), policy?.pack === '' ? policyId : null), [contract, ownKey, policyId, policy?.pack]);
  const results = tests.data ?? [];
  const failing = results.filter((r) => !r.ok);

  if (!policy) return null;
  if (policy.pack !== '') return <p className="hint">Pack policies carry their tests in the pack. Fork it to add your own.</p>;
  const remove = (name: string) => void draft.applyEdits([{ op: 'removeTest', policy: policyId, name }]);
  return (
    <section className="policy-tests-panel" aria-label={`Tests of ${policyId}`}>
      {tests.isFetching && <p className="hint" role="status">Running the tests on the draft…</p>}
      {capture && <CaptureOffer key={`${capture.digest}:${capture.resourceIndex}`} capture={capture} {...props} />}
      {tests.error && <ErrorBox title="Cannot run the tests" error={tests.error} onRetry={() => void tests.refetch()} />}
      {tests.data && results.length === 0 && (
        <p className="hint">No tests yet. Use "Add as test" on a finding or resource in a change set review to capture one.</p>
      )}
      {results.length > 0 && (
        <p role="status" data-testid="test-summary" className={failing.length ? 'inline-error' : 'cel-ok'}>
          {failing.length
            ? `${failing.length} of ${results.length} ${results.length === 1 ? 'test fails' : 'tests fail'}: saving is blocked until ${failing.length === 1 ? 'it passes' : 'they pass'}`
            : results.length === 1 ? 'The test passes' : `All ${results.length} tests pass`}
        </p>
      )}
      <ul className="test-results" aria-label="Test results">
        {results.map((r) => (
          <li key={r.name} className={r.ok ? 'pass' : 'fail'} data-testid="test-result">
            <span className={`badge ${r.ok ? 'pass' : 'deny'}`}>{r.ok ? 'pass' : 'fail'}</span> {r.name}
            <button type="button" className="link-button" aria-label={`Remove test ${r.name}`} onClick={() => remove(r.name)}>Remove</button>
            {!r.ok && r.message && <p className="reason">{r.message}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The resource the review screen offered, as a test of this policy: name and expected outcome. */
function CaptureOffer(props: { readonly contract: string; readonly draft: ContractDraftState; readonly policyId: string; readonly capture: PendingCapture }) {
  const { contract, draft, policyId, capture } = props;
  const [name, setName] = useState(`${capture.address} ${capture.expect === 'pass' ? 'passes' : capture.expect ?? ''}`.trim().slice(0, 200));
  const [expect, setExpect] = useState<TestExpectation | 'now'>(capture.expect ?? 'now');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const add = async () => {
    setBusy(true);
    setError(null);
    const r = await api.captureTest({
      contract, text: draft.text, digest: capture.digest, resourceIndex: capture.resourceIndex, policy: policyId,
      ...(expect === 'now' ? {} : { expect }), ...(name.trim() ? { name: name.trim() } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    if (r.value.problems.length) return setError(r.value.problems.map((p) => p.message).join('\n'));
    draft.replaceText(r.value.text);
    clearCapture();
  };
  return (
    <form className="inline-form capture-offer" aria-label="Add as test" onSubmit={(e) => { e.preventDefault(); void add(); }}>
      <p>Add <code>{capture.address}</code> as a test of <code>{policyId}</code>. The resource is stored from the masked model: secrets never enter the contract.</p>
      <label htmlFor="capture-name">Test name</label>
      <input id="capture-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      <label htmlFor="capture-expect">Expected outcome</label>
      <select id="capture-expect" value={expect} onChange={(e) => setExpect(e.target.value as TestExpectation | 'now')}>
        <option value="now">as the draft decides now</option>
        <option value="fail">fail</option>
        <option value="pass">pass</option>
        <option value="error">error</option>
        <option value="unknown">unknown until apply</option>
      </select>
      <div className="actions">
        <button type="submit" disabled={busy}>Add test</button>
        <button type="button" onClick={clearCapture}>Discard</button>
      </div>
      {error && <ErrorBox title="Cannot add the test" error={error} />}
    </form>
  );
}

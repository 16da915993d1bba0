/**
 * The contract editor: which contract (one per vendor/install), its policies (every one, with
 * what is not configured called out), the selected policy's overrides and parameters, the
 * impact of the unsaved draft on every stored change set, and the save/revisions/roster
 * panels. Deep links: #/contract/<name>/<policy>.
 */
import { useRef } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ErrorBox } from '../components/ErrorBox';
import { hrefOf, navigate } from '../router';
import { ContractHeader } from '../contract/ContractHeader';
import { DraftBar } from '../contract/DraftBar';
import { ImpactPanel } from '../contract/impact/ImpactPanel';
import { PolicyList } from '../contract/PolicyList';
import { PolicyPanel } from '../contract/PolicyPanel';
import { useContractDraft } from '../contract/use-contract-draft';
import { RevisionsPanel } from '../revisions/RevisionsPanel';
import { RosterPanel } from '../revisions/RosterPanel';
import { NewPolicyButton } from '../policy-editor/NewPolicyButton';
import { PackShelf } from '../contract/shelf/PackShelf';
import '../sign/review-forms.css';
import '../contract/contract.css';

export function ContractScreen(props: { readonly contract?: string; readonly policy?: string }) {
  const contracts = useQuery({ queryKey: ['listContracts'], queryFn: () => unwrap(api.listContracts({})) });
  const saved = useQuery({
    queryKey: ['getContract', props.contract ?? ''],
    queryFn: () => unwrap(api.getContract(props.contract !== undefined ? { contract: props.contract } : {})),
    // #/contract and #/contract/<its name> are the same contract: no flash of "Loading" between them.
    placeholderData: keepPreviousData,
  });
  // Fail closed: a view of another contract than the one asked for is never shown as that one.
  const mismatch = saved.data !== undefined && !saved.isPlaceholderData && props.contract !== undefined && saved.data.name !== props.contract;
  const name = saved.data?.name ?? props.contract ?? '';
  const draft = useContractDraft(name, saved.data ?? null);
  // While a typed condition breaks the draft (view null), keep showing the draft as last loaded:
  // the policy being edited (maybe new, unsaved) must not vanish under the cursor.
  const lastView = useRef(draft.view);
  if (draft.view) lastView.current = draft.view;
  if (!draft.dirty) lastView.current = null;
  const view = draft.view ?? lastView.current ?? saved.data ?? null;
  const selected = props.policy !== undefined ? view?.policies.find((p) => p.id === props.policy) : undefined;
  const select = (policy: string | undefined) => navigate({ screen: 'contract', contract: name, ...(policy !== undefined ? { policy } : {}) });

  return (
    <div className="contract-screen">
      {contracts.error && <ErrorBox title="Cannot list the contracts" error={contracts.error} onRetry={() => void contracts.refetch()} />}
      {saved.error && <ErrorBox title={`Cannot read the contract${props.contract ? ` ${props.contract}` : ''}`} error={saved.error} onRetry={() => void saved.refetch()} />}
      {(saved.isPending || (saved.isPlaceholderData && saved.data?.name !== props.contract)) && <p role="status">Loading the contract…</p>}
      {mismatch && saved.data && (
        <div className="error-box" role="alert">
          <p className="error-title">Cannot show the contract {props.contract}</p>
          <p className="error-message">The host answered with the contract {saved.data.name} instead; nothing here edits the wrong contract.</p>
          <a href={hrefOf({ screen: 'contract', contract: saved.data.name })}>Show {saved.data.name}</a>
        </div>
      )}
      {saved.data && !mismatch && (
        <>
          <ContractHeader
            contracts={contracts.data ?? []}
            saved={saved.data}
            draft={draft}
            onPick={(c) => navigate({ screen: 'contract', contract: c })}
          />
          <DraftBar draft={draft} />
          <div className="contract-editor">
            <section className="contract-policies" aria-label="Policy list">
              <NewPolicyButton draft={draft} onCreated={select} />
              <PolicyList policies={view?.policies ?? []} selected={props.policy} onSelect={select} />
            </section>
            <section className="contract-policy" aria-label="Selected policy">
              {selected
                ? <PolicyPanel contract={name} draft={draft} policy={selected} onClose={() => select(undefined)} />
                : props.policy !== undefined
                  ? <p role="alert">This contract has no policy <code>{props.policy}</code>{draft.dirty ? ' in the draft' : ''}.</p>
                  : <p className="hint">Pick a policy to see its parameters and overrides.</p>}
            </section>
          </div>
          <PackShelf contract={name} draft={draft} onSelectPolicy={select} />
          <ImpactPanel contract={name} draft={draft} />
          <section className="contract-revisions" aria-label="Save and revisions">
            <h2>Save, revisions and publication</h2>
            <RevisionsPanel contract={name} draft={draft} />
          </section>
          <section className="contract-roster" aria-label="Reviewer roster">
            <h2>Reviewer roster</h2>
            <RosterPanel contract={name} draft={draft} />
          </section>
        </>
      )}
    </div>
  );
}

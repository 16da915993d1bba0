/**
 * The pack shelf (issue 14): the built-in policy packs, as the host's packs folder holds them.
 * Add one to the draft (one addPack edit), see its impact on every stored change set in the
 * impact panel below before saving, then tune or disable its controls one by one (overrides).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ErrorBox } from '../../components/ErrorBox';
import type { ContractDraftState } from '../use-contract-draft';
import { PackCard } from './PackCard';
import './shelf.css';

export function PackShelf(props: { readonly contract: string; readonly draft: ContractDraftState; readonly onSelectPolicy: (id: string) => void }) {
  const { draft } = props;
  const shelf = useQuery({
    // The saved text too: after a save the same draft text is now the saved revision.
    queryKey: ['listPolicyPacks', props.contract, draft.text, draft.savedText],
    queryFn: () => unwrap(api.listPolicyPacks({ contract: props.contract, ...(draft.text ? { text: draft.text } : {}) })),
    // A new draft text keeps the cards in place while the host answers.
    placeholderData: keepPreviousData,
  });
  const packs = shelf.data?.packs ?? [];
  const extended = packs.filter((p) => p.inDraft !== null).length;
  return (
    <section className="pack-shelf" aria-labelledby="pack-shelf-title" data-testid="pack-shelf">
      <div className="pack-shelf-head">
        <h2 id="pack-shelf-title">Policy packs</h2>
        <p className="hint">
          Controls from published standards, ready to use. Add a pack to the draft to see what it would flag on every stored
          change set before you save, then tune or disable single controls.
          {packs.length > 0 && ` This contract extends ${extended} of ${packs.length}.`}
        </p>
      </div>
      {shelf.error && <ErrorBox title="Cannot list the policy packs" error={shelf.error} onRetry={() => void shelf.refetch()} />}
      {shelf.isPending && <p role="status">Loading the policy packs…</p>}
      <ul className="pack-cards" aria-label="Built-in policy packs">
        {packs.map((p) => (
          <li key={p.name}>
            <PackCard pack={p} draft={draft} onSelectPolicy={props.onSelectPolicy} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What a policy applies to: sources, resource types, actions, namespaces and labels. */
import { useState } from 'react';
import type { CelCatalogDto, PolicyMatchDto } from '../../../electron/shared/contract-editor-types';
import { ACTIONS, labelsText, parseLabels, SOURCES, withSelector } from './match-model';
import { resourceTypeNames } from './catalog-view';
import { TokenList } from './TokenList';

export function MatchEditor(props: {
  readonly match: PolicyMatchDto;
  readonly catalog: CelCatalogDto | undefined;
  readonly onChange: (next: PolicyMatchDto) => void;
  readonly readOnly?: boolean;
}) {
  const { match, onChange, readOnly } = props;
  const [labels, setLabels] = useState(labelsText(match.labels));
  const [labelError, setLabelError] = useState<string | null>(null);
  const toggle = <K extends 'sources' | 'actions'>(key: K, v: string, on: boolean) => {
    const cur = (match[key] ?? []) as readonly string[];
    onChange(withSelector(match, key, (on ? [...cur, v] : cur.filter((x) => x !== v)) as PolicyMatchDto[K]));
  };
  const commitLabels = () => {
    const r = parseLabels(labels);
    if (!r.ok) return setLabelError(r.message);
    setLabelError(null);
    if (labelsText(r.labels) !== labelsText(match.labels)) onChange(withSelector(match, 'labels', r.labels));
  };
  return (
    <fieldset className="match-editor" aria-label="Applies to">
      <legend>Applies to</legend>
      <div className="match-line">
        <span className="label">Sources</span>
        {SOURCES.map((s) => (
          <label key={s} className="checkbox"><input type="checkbox" disabled={readOnly} checked={match.sources?.includes(s) ?? false} onChange={(e) => toggle('sources', s, e.target.checked)} /> {s}</label>
        ))}
        {!match.sources?.length && <span className="hint">none ticked: every source</span>}
      </div>
      <div className="match-line">
        <span className="label">Types</span>
        <TokenList label="Resource types" values={match.types ?? []} suggestions={resourceTypeNames(props.catalog)} readOnly={readOnly}
          placeholder="add a type…" onChange={(v) => onChange(withSelector(match, 'types', v))} />
      </div>
      <div className="match-line">
        <span className="label">Actions</span>
        {ACTIONS.map((a) => (
          <label key={a} className="checkbox"><input type="checkbox" disabled={readOnly} checked={match.actions?.includes(a) ?? false} onChange={(e) => toggle('actions', a, e.target.checked)} /> {a}</label>
        ))}
        {!match.actions?.length && <span className="hint">none ticked: every action</span>}
      </div>
      <div className="match-line">
        <span className="label">Namespaces</span>
        <TokenList label="Namespaces" values={match.namespaces ?? []} suggestions={props.catalog?.namespaces ?? []} readOnly={readOnly}
          onChange={(v) => onChange(withSelector(match, 'namespaces', v))} />
      </div>
      <div className="match-line">
        <label className="label" htmlFor="match-labels">Labels</label>
        <textarea id="match-labels" rows={2} value={labels} readOnly={readOnly} placeholder="app=web (one per line)" spellCheck={false}
          onChange={(e) => setLabels(e.target.value)} onBlur={commitLabels} aria-invalid={labelError !== null} />
        {labelError && <span className="inline-error" role="alert">{labelError}</span>}
      </div>
    </fieldset>
  );
}

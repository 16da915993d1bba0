/**
 * One parameter: what it means, its value in force (set by the contract or the default), a
 * typed editor, and Apply / Use default. Applying writes a setParameter edit to the draft;
 * "Use default" a clearParameter edit. Invalid values are never written.
 */
import { useState } from 'react';
import type { PolicyParamDto } from '../../../../electron/shared/contract-editor-types';
import type { ContractDraftState } from '../use-contract-draft';
import { JsonEditor, LabelMapEditor, NumberEditor, StringEditor } from './ScalarEditors';
import { ListEditor, NumberListEditor } from './ListEditor';
import { KeyListEditor } from './KeyListEditor';
import type { KeyRow } from './key-items';
import { WindowsEditor } from './WindowsEditor';
import { editorKind, fromCandidate, isEmptyValue, sameValue, toCandidate, valueProblems } from './param-value';
import type { MaintenanceWindow } from './next-windows';

export function ParamEditor(props: { readonly policy: string; readonly param: PolicyParamDto; readonly draft: ContractDraftState }) {
  const { param, draft } = props;
  const formKind = editorKind(param);
  const [asJson, setAsJson] = useState(false);
  const kind = asJson ? 'json' : formKind;
  const [candidate, setCandidate] = useState<unknown>(() => toCandidate(kind, param.value));
  const converted = fromCandidate(kind, candidate);
  const problems = converted.ok ? valueProblems(param, kind, kind === 'json' ? converted.value : candidate) : [converted.message];
  const switchTo = (json: boolean) => {
    setAsJson(json);
    setCandidate(toCandidate(json ? 'json' : formKind, converted.ok ? converted.value : param.value));
  };
  const changed = converted.ok ? !sameValue(converted.value, param.value) : true;
  const id = `param-${props.policy}-${param.name}`;
  const apply = () => {
    if (converted.ok && problems.length === 0) void draft.applyEdits([{ op: 'setParameter', policy: props.policy, name: param.name, value: converted.value }]);
  };
  const editor = (() => {
    switch (kind) {
      case 'list': return <ListEditor id={id} label={param.name} type={param.type} pattern={param.pattern} items={candidate as string[]} onChange={setCandidate} />;
      case 'key-list': return <KeyListEditor id={id} label={param.name} type={param.type === 'label-list' ? 'label-list' : 'tag-list'} pattern={param.pattern} rows={candidate as KeyRow[]} onChange={setCandidate} />;
      case 'number-list': return <NumberListEditor id={id} label={param.name} param={param} items={candidate as string[]} onChange={setCandidate} />;
      case 'windows': return <WindowsEditor id={id} windows={candidate as MaintenanceWindow[]} onChange={setCandidate} />;
      case 'number': return <NumberEditor id={id} label={param.name} param={param} value={candidate as number} onChange={setCandidate} />;
      case 'boolean': return (
        <label className="checkbox"><input type="checkbox" checked={candidate === true} onChange={(e) => setCandidate(e.target.checked)} /> {param.name}</label>
      );
      case 'string': return <StringEditor id={id} label={param.name} value={candidate as string} onChange={setCandidate} />;
      case 'label-map': return <LabelMapEditor id={id} label={param.name} rows={candidate as [string, string][]} onChange={setCandidate} />;
      case 'json': return <JsonEditor id={id} label={param.name} text={candidate as string} onChange={setCandidate} />;
    }
  })();
  return (
    <fieldset className="param-editor" data-testid={id} aria-describedby={`${id}-desc`}>
      <legend><code>{param.name}</code> <span className="hint">{param.type}{formKind === 'json' && param.type !== 'json' ? ' (shape not recognised: JSON)' : ''}</span></legend>
      <p className="hint" id={`${id}-desc`}>{param.description}</p>
      <p className="param-source">
        {param.set ? 'Set by this contract.' : 'The default applies.'}
        {param.noopWhenEmpty && isEmptyValue(param.value) && <strong className="unconfigured-text"> Empty: this policy allows everything.</strong>}
      </p>
      {editor}
      {problems.length > 0 && (kind === 'list' || kind === 'key-list' || kind === 'number-list') && (
        <p className="param-problems" role="status">{problems.length === 1 ? 'One item needs' : `${problems.length} problems need`} fixing before {param.name} can be applied (marked above).</p>
      )}
      {problems.length > 0 && kind !== 'list' && kind !== 'key-list' && kind !== 'number-list' && (
        <ul className="param-problems" aria-label={`Problems in ${param.name}`}>
          {problems.map((m, i) => <li key={i}>{m}</li>)}
        </ul>
      )}
      <div className="param-actions">
        <button type="button" onClick={apply} disabled={!changed || problems.length > 0 || draft.busy}>Apply {param.name} to the draft</button>
        {changed && <button type="button" onClick={() => setCandidate(toCandidate(kind, param.value))}>Undo typing</button>}
        {formKind !== 'json' && (
          <button type="button" onClick={() => switchTo(!asJson)} disabled={asJson && !converted.ok}>{asJson ? 'Use the form' : 'Edit as JSON'}</button>
        )}
        {param.set && (
          <button type="button" onClick={() => void draft.applyEdits([{ op: 'clearParameter', policy: props.policy, name: param.name }])} disabled={draft.busy}>
            Use the default
          </button>
        )}
      </div>
    </fieldset>
  );
}

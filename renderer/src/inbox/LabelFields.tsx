/**
 * Display labels (issue 11): vendor, app, install and release for a change set whose own files
 * do not name them (bare plans and manifests). Display only: the contract that judges it,
 * policies, verify and the outbox keep using its changeset.yaml metadata. A field the vendor's
 * metadata states is shown read-only (`stated`).
 */
import type { LabelFieldDto } from '../../../electron/shared/api-types';
import { displayLabelProblem, LABEL_FIELDS, MAX_LABEL_CHARS } from '../../../electron/shared/display-label';
import './labels.css';

export type LabelValues = Readonly<Record<LabelFieldDto, string>>;
export const EMPTY_LABELS: LabelValues = { vendor: '', app: '', install: '', release: '' };

const TITLES: Readonly<Record<LabelFieldDto, string>> = { vendor: 'Vendor', app: 'App', install: 'Install', release: 'Release' };

/** The first problem of any field ("App: contains …"), or null. */
export function labelsProblem(values: LabelValues): string | null {
  for (const f of LABEL_FIELDS) {
    const p = displayLabelProblem(values[f]);
    if (p !== null) return `${TITLES[f]} ${p}`;
  }
  return null;
}

/** The fields with a value, trimmed (what an import sends). */
export function filledLabels(values: LabelValues): Partial<Record<LabelFieldDto, string>> {
  const out: Partial<Record<LabelFieldDto, string>> = {};
  for (const f of LABEL_FIELDS) if (values[f].trim() !== '') out[f] = values[f].trim();
  return out;
}

export function LabelFields(props: {
  readonly idPrefix: string;
  readonly values: LabelValues;
  readonly onChange: (values: LabelValues) => void;
  /** Fields the vendor's metadata states, with its value: shown, not editable. */
  readonly stated?: Partial<Record<LabelFieldDto, string>>;
  readonly disabled?: boolean;
}) {
  return (
    <div className="label-fields">
      {LABEL_FIELDS.map((f) => {
        const stated = props.stated?.[f];
        const id = `${props.idPrefix}-${f}`;
        const problem = displayLabelProblem(props.values[f]);
        return (
          <label key={f} htmlFor={id}>
            <span>{TITLES[f]}</span>
            {stated !== undefined
              ? <input id={id} value={stated} readOnly disabled title="Stated by the vendor's changeset.yaml" />
              : <input id={id} value={props.values[f]} maxLength={MAX_LABEL_CHARS + 20} disabled={props.disabled}
                  aria-invalid={problem !== null} placeholder={f === 'release' ? 'e.g. 2.14.0' : ''}
                  onChange={(e) => props.onChange({ ...props.values, [f]: e.target.value })} />}
          </label>
        );
      })}
    </div>
  );
}

/**
 * Above the selected resource's detail: what tells it apart when its address repeats, where it
 * is written, and its "Viewed" box (the same mark as the list's; "v" toggles it). The address
 * itself is the detail panel's title.
 */
import type { ResourceRow } from '../../../electron/shared/api-types';

export function SelectedResourceBar(props: { readonly row: ResourceRow; readonly viewed: boolean; readonly onToggle: () => void }) {
  const { row } = props;
  return (
    <div className="selected-resource" aria-label="Selected resource">
      {row.disambiguator !== '' && (
        <span className="disambiguator" data-testid="selected-disambiguator" title={`${row.address} appears more than once in this change set`}>
          {row.disambiguator}
        </span>
      )}
      {row.drift && <span className="action-chip action-drift" title="Changed outside the vendor's pipeline (drift)">drift</span>}
      <span className="selected-file" title={`${row.file}:${row.line}`}>{row.file}:{row.line}</span>
      <label className="viewed-toggle">
        <input type="checkbox" checked={props.viewed} onChange={props.onToggle} /> Viewed <kbd>v</kbd>
      </label>
    </div>
  );
}

/**
 * The selected resource's address (with what tells it apart when the address repeats), where
 * it is written, and its "Viewed" box (the same mark as the list's; "v" toggles it).
 */
import type { ResourceRow } from '../../../electron/shared/api-types';

export function SelectedResourceBar(props: { readonly row: ResourceRow; readonly viewed: boolean; readonly onToggle: () => void }) {
  const { row } = props;
  return (
    <div className="selected-resource" aria-label="Selected resource">
      <span className={`action-chip action-${row.category}`}>{row.category}</span>
      <code className="selected-address">{row.address}</code>
      {row.disambiguator !== '' && <span className="disambiguator" data-testid="selected-disambiguator">{row.disambiguator}</span>}
      <span className="selected-file" title={`${row.file}:${row.line}`}>{row.file}:{row.line}</span>
      <label className="viewed-toggle">
        <input type="checkbox" checked={props.viewed} onChange={props.onToggle} /> Viewed <kbd>v</kbd>
      </label>
    </div>
  );
}

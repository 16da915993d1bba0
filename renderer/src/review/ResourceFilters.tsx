/** Filters of the resource list: action, source, type and finding (any / with / without / a policy). */
import type { FilterOptions, ResourceFilter } from './resource-filter';
import { ANY, NO_FILTER, isFiltered } from './resource-filter';

function Select(props: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly options: readonly { readonly value: string; readonly label: string }[];
}) {
  return (
    <label className="filter">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value={ANY}>All</option>
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
}

const plain = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

export function ResourceFilters(props: {
  readonly filter: ResourceFilter;
  readonly options: FilterOptions;
  readonly onChange: (f: ResourceFilter) => void;
  readonly shown: number;
  readonly total: number;
}) {
  const { filter, options, onChange } = props;
  const findingOptions = [
    { value: 'with', label: 'Has findings' },
    { value: 'without', label: 'No findings' },
    ...options.policies.map((p) => ({ value: `policy:${p}`, label: `Fails ${p}` })),
  ];
  return (
    <div className="resource-filters" role="group" aria-label="Filter resources">
      <Select label="Action" value={filter.action} options={plain(options.actions)} onChange={(action) => onChange({ ...filter, action })} />
      <Select label="Source" value={filter.source} options={plain(options.sources)} onChange={(source) => onChange({ ...filter, source })} />
      <Select label="Type" value={filter.type} options={plain(options.types)} onChange={(type) => onChange({ ...filter, type })} />
      <Select label="Finding" value={filter.finding} options={findingOptions} onChange={(finding) => onChange({ ...filter, finding })} />
      <span className="filter-count" aria-live="polite">{props.shown === props.total ? `${props.total} resources` : `${props.shown} of ${props.total} resources`}</span>
      {isFiltered(filter) && <button type="button" onClick={() => onChange(NO_FILTER)}>Clear filters</button>}
    </div>
  );
}

/**
 * The matrix: one row per install, with its verdict, what blocks it, what needs approval, the
 * top policies and whether its contract's publication holds. Column headers sort. Names come
 * from customers' contracts and files: React escapes them, and hidden characters (bidi
 * overrides, zero-width) are shown as escapes, so no name reads as another.
 */
import type { FleetContractStatusDto, FleetRowDto } from '../../../electron/shared/api-types';
import { VerdictBadge } from '../components/VerdictBadge';
import { visibleName } from '../sign/format';
import { topPolicies } from './fleet-rows';
import type { FleetSortKey, FleetView } from './fleet-rows';

const STATUS_LABEL: Readonly<Record<FleetContractStatusDto, string>> = {
  signed: 'Signed', unsigned: 'Unsigned', stale: 'Stale', 'bad-signature': 'Bad signature',
};

const TOP_POLICIES = 3;

function SortHeader(props: { readonly label: string; readonly sortKey: FleetSortKey; readonly view: FleetView; readonly onSort: (key: FleetSortKey) => void; readonly className?: string }) {
  const active = props.view.sort === props.sortKey;
  const sort = active ? (props.view.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={sort} className={props.className}>
      <button type="button" className="fleet-sort" onClick={() => props.onSort(props.sortKey)}>
        {props.label}<span aria-hidden="true" className="fleet-sort-mark">{active ? (props.view.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

export function FleetMatrixTable(props: { readonly rows: readonly FleetRowDto[]; readonly view: FleetView; readonly onSort: (key: FleetSortKey) => void }) {
  const { view, onSort } = props;
  return (
    <table className="fleet-matrix" aria-label="Fleet matrix">
      <thead>
        <tr>
          <SortHeader label="Install" sortKey="install" view={view} onSort={onSort} className="col-install" />
          <SortHeader label="Verdict" sortKey="verdict" view={view} onSort={onSort} />
          <SortHeader label="Deny" sortKey="deny" view={view} onSort={onSort} className="num" />
          <SortHeader label="Approval" sortKey="approval" view={view} onSort={onSort} className="num" />
          <th scope="col" className="col-policies">Top policies</th>
          <SortHeader label="Contract signature" sortKey="status" view={view} onSort={onSort} className="col-status" />
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => {
          const top = topPolicies(r, TOP_POLICIES);
          return (
            <tr key={r.install} data-install={r.install}>
              <th scope="row" className="col-install">
                <span className="fleet-install">{visibleName(r.install)}</span>
                <span className="fleet-contract">{visibleName(r.contractName)} · {visibleName(r.contractFile)}</span>
              </th>
              <td><VerdictBadge verdict={r.verdict} /></td>
              <td className="num">{r.deny.length}</td>
              <td className="num">{r.approval.length}</td>
              <td className="col-policies">
                {top.shown.length === 0 && <span className="hint">none</span>}
                <ul className="fleet-policies">
                  {top.shown.map((p) => (
                    <li key={`${p.kind}:${p.id}`} className={`fleet-policy ${p.kind}`} title={`${p.kind === 'deny' ? 'Blocks' : 'Needs approval'}: ${r.findingsByPolicy[p.id] ?? 0} finding(s)`}>
                      <span className="visually-hidden">{p.kind === 'deny' ? 'blocks: ' : 'needs approval: '}</span>{visibleName(p.id)}
                    </li>
                  ))}
                  {top.more > 0 && <li className="fleet-policy more">+{top.more} more</li>}
                </ul>
              </td>
              <td className="col-status">
                <span className={`fleet-status status-${r.contractStatus}`}>{STATUS_LABEL[r.contractStatus]}</span>
                {r.contractStatusDetail !== '' && <span className="fleet-status-detail" title={visibleName(r.contractStatusDetail)}>{visibleName(r.contractStatusDetail)}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

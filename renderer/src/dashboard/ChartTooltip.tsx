/** A chart tooltip in the app's colours: the point's title, then each series' value. Text only (React escapes it). */
import type { ReactNode } from 'react';

export interface TooltipRow {
  readonly name: string;
  readonly value: ReactNode;
  readonly color?: string;
}

export function ChartTooltip(props: { readonly title: ReactNode; readonly rows: readonly TooltipRow[] }) {
  return (
    <div className="dashboard-tooltip" role="tooltip">
      <p>{props.title}</p>
      <ul>
        {props.rows.map((r) => (
          <li key={r.name}>{r.color && <span className="swatch" style={{ background: r.color }} />}{r.name}: <strong>{r.value}</strong></li>
        ))}
      </ul>
    </div>
  );
}

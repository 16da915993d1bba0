/** The policies with the most findings in the change sets' latest evaluations (recharts, horizontal bars). */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardPolicyDto } from '../../../electron/shared/api-types';
import { ChartTooltip } from './ChartTooltip';

const short = (s: string): string => (s.length > 28 ? `${s.slice(0, 27)}…` : s);

export function MostViolatedChart(props: { readonly policies: readonly DashboardPolicyDto[] }) {
  const data = props.policies.map((p) => ({ ...p }));
  return (
    <div className="chart" data-testid="most-violated" style={{ height: Math.max(160, 34 * data.length + 40) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="policy" width={200} tickFormatter={short} />
          <Tooltip cursor={{ fill: 'color-mix(in srgb, var(--fg) 8%, transparent)' }} content={({ active, payload }) => {
            const p = active ? (payload?.[0]?.payload as DashboardPolicyDto | undefined) : undefined;
            if (!p) return null;
            return <ChartTooltip title={p.policy} rows={[{ name: 'Findings', value: String(p.findings), color: 'var(--accent)' }, { name: 'Change sets', value: String(p.changeSets) }]} />;
          }} />
          <Bar dataKey="findings" name="Findings" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Approval lead time (received → final decision) of the latest decided change sets (recharts). */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardLeadTimeDto } from '../../../electron/shared/api-types';
import { ChartTooltip } from './ChartTooltip';

export const hoursText = (h: number | null): string => (h === null ? '–' : h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`);

export function LeadTimeChart(props: { readonly lead: DashboardLeadTimeDto }) {
  const data = props.lead.recent.map((r, i) => ({ ...r, key: `${i}`, label: r.release }));
  return (
    <div className="chart" data-testid="lead-time">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={12} />
          <YAxis width={44} unit=" h" />
          <Tooltip cursor={{ fill: 'color-mix(in srgb, var(--fg) 8%, transparent)' }} content={({ active, payload }) => {
            const p = active ? (payload?.[0]?.payload as (typeof data)[number] | undefined) : undefined;
            if (!p) return null;
            return <ChartTooltip title={`Release ${p.release} (${p.install})`} rows={[
              { name: p.state === 'approved' ? 'Approved after' : 'Rejected after', value: hoursText(p.hours), color: p.state === 'approved' ? 'var(--pass)' : 'var(--deny)' },
              { name: 'Decided', value: p.decidedAt.slice(0, 16).replace('T', ' ') + ' UTC' },
            ]} />;
          }} />
          <Bar dataKey="hours" name="Lead time" isAnimationActive={false} fill="var(--pass)" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

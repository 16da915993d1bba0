/** Findings per release over time, stacked by severity or by enforcement (recharts). */
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardReleasePointDto } from '../../../electron/shared/api-types';
import { ChartTooltip } from './ChartTooltip';

const SEVERITY = [['critical', 'Critical'], ['high', 'High'], ['medium', 'Medium'], ['low', 'Low'], ['info', 'Info']] as const;
const ENFORCEMENT = [['mandatory', 'Mandatory'], ['deny', 'Deny'], ['approval', 'Needs approval'], ['advisory', 'Advisory']] as const;
type Series = readonly (readonly [keyof DashboardReleasePointDto, string])[];
const colour = (key: string, by: 'severity' | 'enforcement') => `var(--${by === 'severity' ? 'sev' : 'enf'}-${key})`;

export function FindingsTrendChart(props: { readonly releases: readonly DashboardReleasePointDto[] }) {
  const [by, setBy] = useState<'severity' | 'enforcement'>('severity');
  const series: Series = by === 'severity' ? SEVERITY : ENFORCEMENT;
  const data = props.releases.map((r) => ({ ...r }));
  return (
    <>
      <div className="dashboard-toggle" role="group" aria-label="Stack findings by">
        <button type="button" aria-pressed={by === 'severity'} onClick={() => setBy('severity')}>By severity</button>
        <button type="button" aria-pressed={by === 'enforcement'} onClick={() => setBy('enforcement')}>By enforcement</button>
      </div>
      <div className="chart" data-testid="findings-trend">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="release" interval="preserveStartEnd" minTickGap={12} />
            <YAxis allowDecimals={false} width={44} />
            <Tooltip cursor={{ fill: 'color-mix(in srgb, var(--fg) 8%, transparent)' }} content={({ active, payload }) => {
              const p = active ? (payload?.[0]?.payload as DashboardReleasePointDto | undefined) : undefined;
              if (!p) return null;
              return <ChartTooltip title={`Release ${p.release} (${p.changeSets} change set${p.changeSets === 1 ? '' : 's'}, received ${p.receivedAt.slice(0, 10)})`}
                rows={series.map(([key, name]) => ({ name, value: String(p[key]), color: colour(key, by) }))} />;
            }} />
            <Legend itemSorter={null} />
            {series.map(([key, name]) => <Bar key={key} dataKey={key} name={name} stackId="findings" fill={colour(key, by)} isAnimationActive={false} />)}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}

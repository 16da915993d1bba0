/**
 * Maintenance windows as a weekly grid: one row per window with its start days, start and end
 * (wall clock, "HH:MM"; an end before the start runs past midnight) and IANA time zone, and
 * the next three times it opens, in the viewer's local time and in the window's own zone.
 */
import { useMemo } from 'react';
import { WEEKDAYS, formatOccurrence, nextWindows, timeZoneNames, windowProblems } from './next-windows';
import type { MaintenanceWindow } from './next-windows';

const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

function NextOccurrences(props: { readonly w: MaintenanceWindow; readonly index: number }) {
  const { w } = props;
  if (windowProblems(w).length > 0) return <span className="hint">fix the window to see when it opens</span>;
  const next = nextWindows(w, new Date());
  if (next.length === 0) return <span className="hint">never opens</span>;
  // Every day, all day (start == end on all seven days): there is no "next opening" to show.
  if (next[0]!.openBefore && next[0]!.openEnded) return <span className="hint">always open (every day, all day)</span>;
  return (
    <ul className="next-windows" aria-label={`Next openings of window ${props.index + 1}`}>
      {next.map((o) => (
        <li key={o.start.getTime()}>
          <span>{formatOccurrence(o, LOCAL_ZONE)} <span className="hint">your time ({LOCAL_ZONE})</span></span>
          {w.timezone !== LOCAL_ZONE && <span className="zone-time">{formatOccurrence(o, w.timezone)} <span className="hint">{w.timezone}</span></span>}
        </li>
      ))}
    </ul>
  );
}

export function WindowsEditor(props: { readonly id: string; readonly windows: readonly MaintenanceWindow[]; readonly onChange: (w: MaintenanceWindow[]) => void }) {
  const zones = useMemo(timeZoneNames, []);
  const listId = `${props.id}-zones`;
  const set = (i: number, patch: Partial<MaintenanceWindow>) => props.onChange(props.windows.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  const toggleDay = (i: number, day: string, on: boolean) => {
    const w = props.windows[i]!;
    const days = on ? WEEKDAYS.filter((d) => d === day || w.days.some((x) => x.toLowerCase() === d.toLowerCase())) : w.days.filter((x) => x.toLowerCase() !== day.toLowerCase());
    set(i, { days });
  };
  return (
    <div className="windows-editor">
      <datalist id={listId}>{zones.map((z) => <option key={z} value={z} />)}</datalist>
      {props.windows.length === 0 && <p className="hint">No window: every destructive change to a stateful resource fails.</p>}
      {props.windows.length > 0 && (
        <table className="windows-grid" aria-label="Maintenance windows">
          <thead>
            <tr>
              <th scope="col">#</th>
              {WEEKDAYS.map((d) => <th key={d} scope="col">{d}</th>)}
              <th scope="col">Start</th><th scope="col">End</th><th scope="col">Time zone</th>
            </tr>
          </thead>
          <tbody>
            {props.windows.map((w, i) => {
              const problems = windowProblems(w);
              return [
                <tr key={`w${i}`} aria-invalid={problems.length > 0} data-testid={`window-${i}`}>
                  <th scope="row">{i + 1}</th>
                  {WEEKDAYS.map((d) => (
                    <td key={d} className="day-cell">
                      <input
                        type="checkbox"
                        aria-label={`Window ${i + 1} starts on ${d}`}
                        checked={w.days.some((x) => x.toLowerCase() === d.toLowerCase())}
                        onChange={(e) => toggleDay(i, d, e.target.checked)}
                      />
                    </td>
                  ))}
                  <td><input className="clock" type="text" inputMode="numeric" placeholder="HH:MM" aria-label={`Window ${i + 1} start`} value={w.start} onChange={(e) => set(i, { start: e.target.value })} /></td>
                  <td><input className="clock" type="text" inputMode="numeric" placeholder="HH:MM" aria-label={`Window ${i + 1} end`} value={w.end} onChange={(e) => set(i, { end: e.target.value })} /></td>
                  <td><input className="zone" type="text" list={listId} aria-label={`Window ${i + 1} time zone`} value={w.timezone} spellCheck={false} onChange={(e) => set(i, { timezone: e.target.value })} /></td>
                </tr>,
                // The next openings under their window: the grid stays narrow enough for the panel.
                <tr key={`n${i}`} className="next-row">
                  <td />
                  <td colSpan={10}>
                    <div className="next-row-body">
                      <NextOccurrences w={w} index={i} />
                      <button type="button" aria-label={`Remove window ${i + 1}`} onClick={() => props.onChange(props.windows.filter((_, j) => j !== i))}>Remove</button>
                    </div>
                  </td>
                </tr>,
              ];
            })}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => props.onChange([...props.windows, { days: ['Tue'], start: '02:00', end: '05:00', timezone: LOCAL_ZONE }])}>Add window</button>
    </div>
  );
}

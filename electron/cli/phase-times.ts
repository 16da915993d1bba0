import { writeFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';

/**
 * Where `countersign evaluate` spends its time, for `npm run bench` (issue 13: the per-phase
 * breakdown of the end-to-end figure). Off unless COUNTERSIGN_PHASE_TIMES names a file: then
 * each mark (ms since the process started, and CPU ms of the whole process: both cores) and the main thread's GC time are written there as
 * JSON when the process exits. Costs nothing when off.
 */
export interface PhaseTimes {
  mark(name: string): void;
}

const OFF: PhaseTimes = { mark: () => undefined };

export function phaseTimes(): PhaseTimes {
  const file = process.env.COUNTERSIGN_PHASE_TIMES;
  if (!file) return OFF;
  const marks: [string, number, number][] = [];
  const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  let gcMs = 0;
  let gcCount = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcCount++;
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  process.once('exit', () => {
    marks.push(['exit', performance.now(), cpuMs()]);
    writeFileSync(file, JSON.stringify({ marks, gcMs, gcCount }));
  });
  return { mark: (name) => void marks.push([name, performance.now(), cpuMs()]) };
}

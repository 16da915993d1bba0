/** Per-loader tallies of a fuzz run, and the printed summary. */
import type { CaseResult } from './fuzz-pool';
import type { LoaderName } from './loaders';
import type { ProblemKind } from './run-case';

/** The kinds that fail a run. `unclear-error` is reported too: an error that does not name the case's file. */
export const FAILING: readonly ProblemKind[] = ['crash', 'leak', 'workspace-write', 'disagreement', 'unclear-error', 'unescaped'];

export interface LoaderTally {
  cases: number;
  verdicts: number;
  hangs: number;
  byProblem: Partial<Record<ProblemKind, number>>;
  /** Corpus mutated as data or as format text (not bytes): the share that must reach a verdict. */
  corpusCases: number;
  corpusVerdicts: number;
  slowest: CaseResult | null;
  failures: CaseResult[];
}

export class FuzzSummary {
  readonly tallies = new Map<LoaderName, LoaderTally>();

  add(r: CaseResult): void {
    let t = this.tallies.get(r.loader);
    if (!t) this.tallies.set(r.loader, (t = { cases: 0, verdicts: 0, hangs: 0, byProblem: {}, corpusCases: 0, corpusVerdicts: 0, slowest: null, failures: [] }));
    t.cases++;
    const verdict = r.outcome.result === 'verdict' && !r.hang;
    if (verdict) t.verdicts++;
    if (r.kind === 'structure' || r.kind === 'text') {
      t.corpusCases++;
      if (verdict) t.corpusVerdicts++;
    }
    if (r.hang) t.hangs++;
    for (const p of r.outcome.problems) t.byProblem[p.kind] = (t.byProblem[p.kind] ?? 0) + 1;
    if (!t.slowest || r.ms > t.slowest.ms) t.slowest = r;
    if (r.hang || r.outcome.problems.some((p) => FAILING.includes(p.kind))) t.failures.push(r);
  }

  get failed(): boolean {
    return [...this.tallies.values()].some((t) => t.failures.length > 0);
  }

  /** Failures grouped by kind and message shape (numbers, markers and temp paths blanked). */
  problemClasses(): { key: string; count: number; first: CaseResult }[] {
    const classes = new Map<string, { key: string; count: number; first: CaseResult }>();
    for (const t of this.tallies.values()) {
      for (const r of t.failures) {
        const kinds = r.hang ? ['hang'] : r.outcome.problems.filter((p) => FAILING.includes(p.kind)).map((p) => `${p.kind}: ${shape(p.detail)}`);
        for (const key of new Set(kinds.map((k) => `${r.loader} ${k}`))) {
          const c = classes.get(key);
          if (c) c.count++;
          else classes.set(key, { key, count: 1, first: r });
        }
      }
    }
    return [...classes.values()].sort((a, b) => b.count - a.count);
  }

  /** The table, then each failing case with the command that replays it. */
  render(seed: number): string {
    const pct = (a: number, b: number): string => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
    const lines = [
      `fuzz seed ${seed}`,
      'loader                cases  crashes  hangs  leaks  ws-writes  unclear  unescaped  verdicts  corpus-verdicts  slowest',
    ];
    let total = 0;
    for (const [loader, t] of this.tallies) {
      total += t.cases;
      const p = t.byProblem;
      const slow = t.slowest ? `${t.slowest.ms.toFixed(0)} ms #${t.slowest.index} ${t.slowest.label.slice(0, 90)}` : '-';
      lines.push(`${loader.padEnd(20)} ${String(t.cases).padStart(6)} ${String((p.crash ?? 0) + (p.disagreement ?? 0)).padStart(8)} ${String(t.hangs).padStart(6)} ${String(p.leak ?? 0).padStart(6)} ${String(p['workspace-write'] ?? 0).padStart(10)} ${String(p['unclear-error'] ?? 0).padStart(8)} ${String(p.unescaped ?? 0).padStart(10)} ${pct(t.verdicts, t.cases).padStart(9)} ${`${pct(t.corpusVerdicts, t.corpusCases)} of ${t.corpusCases}`.padStart(16)}  ${slow}`);
    }
    lines.push(`total ${total} cases`);
    const classes = this.problemClasses();
    if (classes.length > 0) {
      lines.push('', 'distinct problems (count, first case):');
      for (const c of classes) lines.push(`  ${String(c.count).padStart(5)}  ${c.key}  [${c.first.loader} #${c.first.index}]`);
    }
    for (const [loader, t] of this.tallies) {
      for (const r of t.failures.slice(0, 20)) {
        lines.push('', `FAIL ${loader} #${r.index} (${r.kind}): ${r.label}`, `  replay: npm run fuzz -- --loader ${loader} --seed ${seed} --case ${r.index}`);
        if (r.hang) lines.push(`  hang: ${r.outcome.summary}`);
        for (const p of r.outcome.problems.filter((x) => FAILING.includes(x.kind))) lines.push(`  ${p.kind}: ${p.detail.split('\n').slice(0, 8).join('\n    ')}`);
      }
      if (t.failures.length > 20) lines.push(`  … and ${t.failures.length - 20} more failing ${loader} cases`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function shape(detail: string): string {
  return detail.split('\n')[0]!
    .replace(/FZSECRET[0-9a-f]+Q/g, 'MARKER')
    .replace(/\/tmp\/\S+/g, 'PATH')
    .replace(/ \S+\.(json|ya?ml)(:\d+)?/g, ' FILE')
    .replace(/\d+/g, 'N')
    .slice(0, 140);
}

import { printable } from '../model/printable-text';
import type { Finding, Verdict } from '../model/finding';
import type { Enforcement } from '../model/policy';
import type { DisplayPath, ReportInput } from './report-input';
import { ACTION_KEYS, ENFORCEMENT_ORDER, SEVERITY_KEYS, asIs, explanationsByFinding, findingsByEnforcement, orderedCounts, resourceCategories } from './report-input';
import { whyText } from './explanation-text';

export interface TextReportOptions {
  /** ANSI colors; the CLI turns them on only for a TTY with NO_COLOR unset. */
  readonly color?: boolean;
  /** Where a finding's file really is (see DisplayPath). */
  readonly displayPath?: DisplayPath;
}

const HEADINGS: Readonly<Record<Enforcement, string>> = {
  mandatory: 'MANDATORY: blocks, can never be waived',
  deny: 'DENY: blocks unless waived by a signed exception',
  approval: "APPROVAL: needs a reviewer's signed approval",
  advisory: 'ADVISORY: reported only',
};

const UNKNOWN_HEADING = "UNKNOWN UNTIL APPLY: decided by values Terraform knows only after apply; needs a reviewer's signed approval unless advisory";

const SHADOW_HEADING = 'SHADOW: policies on trial (countersign.dev/v3 shadow mode); reported only, never block, never need approval';

const VERDICT_LABEL: Readonly<Record<Verdict, string>> = { blocked: 'BLOCKED', 'needs-approval': 'NEEDS APPROVAL', pass: 'PASS' };

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan';
const SGR: Readonly<Record<Style, string>> = { bold: '1', dim: '2', red: '31', yellow: '33', green: '32', cyan: '36' };
const ENFORCEMENT_STYLE: Readonly<Record<Enforcement, Style>> = { mandatory: 'red', deny: 'red', approval: 'yellow', advisory: 'cyan' };
const VERDICT_STYLE: Readonly<Record<Verdict, Style>> = { blocked: 'red', 'needs-approval': 'yellow', pass: 'green' };

/** The human-readable report `countersign evaluate` prints by default. */
export function renderTextReport({ changeSet, contract, evaluation, explanations }: ReportInput, options: TextReportOptions = {}): string {
  const paint = (style: Style, s: string): string => (options.color ? `\u001b[${SGR[style]}m${s}\u001b[0m` : s);
  const m = changeSet.metadata;
  const s = evaluation.summary;
  const out: string[] = [];

  out.push(paint('bold', `Countersign evaluation: ${paint(VERDICT_STYLE[evaluation.verdict], VERDICT_LABEL[evaluation.verdict])}`));
  out.push(field('change set', `${changeSet.digest}  (${clean(changeSet.origin)})`));
  const release = m.release ? `${m.release}${m.previousRelease ? ` (from ${m.previousRelease})` : ''}` : '';
  for (const [label, value] of [['vendor', m.vendor], ['app', m.app], ['install', m.install], ['release', release]] as const) {
    if (value) out.push(field(label, clean(value)));
  }
  out.push(field('contract', `${clean(contract.name)}  ${contract.digest}`));
  out.push(field('evaluated at', `${evaluation.at}  (${evaluation.engineVersion})`));
  out.push('');

  const categories = resourceCategories(s, changeSet.resources);
  const byCategory = { ...orderedCounts(categories.byAction, ACTION_KEYS), drift: categories.drift };
  out.push(`Resources: ${s.resources}${counts(byCategory)}`);
  if (categories.drift > 0) out.push(`Drift:     ${categories.drift} changed outside the pipeline (Terraform resource_drift): not changes this plan makes`);
  out.push(`Findings:  ${s.findings}${counts(orderedCounts(s.byEnforcement, ENFORCEMENT_ORDER))}`);
  if (s.findings > 0) out.push(`Severity:  ${countList(orderedCounts(s.bySeverity, SEVERITY_KEYS))}`);
  if (s.errors > 0) out.push(`Evaluation errors: ${s.errors} (they count as failures: policies fail closed)`);
  const unknown = evaluation.findings.filter((f) => f.status === 'unknown' && f.shadow !== true);
  if (unknown.length > 0) out.push(`Unknown until apply: ${unknown.length} (never a pass: non-advisory ones need a reviewer's signed approval)`);

  const shadow = evaluation.findings.filter((f) => f.shadow === true);
  if (shadow.length > 0) out.push(`Shadow: ${shadow.length} (policies on trial: reported only, never block)`);

  const explained = explanationsByFinding({ evaluation, explanations });
  const line = (f: Finding, tail = ''): string => {
    const first = `  ${paint('dim', where(f, options.displayPath ?? asIs))}  ${clean(f.resource.address)}  ${f.policy}${alsoText(f)}  ${findingMessage(f)}${tail}`;
    // One "why:" line under the finding when the engine explained it (evaluate, text format).
    const e = explained.get(f);
    const why = e ? whyText(e) : '';
    return why ? `${first}\n      ${paint('dim', `why: ${clean(why)}`)}` : first;
  };
  const weighed = evaluation.findings.filter((f) => f.shadow !== true);
  for (const [level, findings] of findingsByEnforcement(weighed.filter((f) => f.status !== 'unknown'))) {
    if (findings.length === 0) continue;
    out.push('', paint(ENFORCEMENT_STYLE[level], paint('bold', `${HEADINGS[level]} (${findings.length})`)));
    for (const f of findings) out.push(line(f));
  }
  // Listed apart: under its policy's heading an unknown would read as blocking, which it is not.
  if (unknown.length > 0) {
    out.push('', paint('yellow', paint('bold', `${UNKNOWN_HEADING} (${unknown.length})`)));
    for (const f of unknown) out.push(line(f, `  [${f.enforcement}]`));
  }
  // Listed apart, each marked: under its policy's heading a shadow deny would read as blocking.
  if (shadow.length > 0) {
    out.push('', paint('cyan', paint('bold', `${SHADOW_HEADING} (${shadow.length})`)));
    for (const f of shadow) out.push(line(f, `  [shadow, ${f.enforcement}]`));
  }
  out.push('', paint('bold', paint(VERDICT_STYLE[evaluation.verdict], verdictLine(evaluation.verdict, evaluation.findings))), '');
  return out.join('\n');
}

/** ` (also a, b)`: the other policies reporting the same control on this resource. */
export function alsoText(f: Pick<Finding, 'alsoPolicies'>): string {
  return f.alsoPolicies !== undefined && f.alsoPolicies.length > 0 ? ` (also ${f.alsoPolicies.map(clean).join(', ')})` : '';
}

/** The last line: the verdict and what the reader has to do about it. */
export function verdictLine(verdict: Verdict, findings: readonly Finding[]): string {
  const weighed = findings.filter((f) => f.shadow !== true);
  const decided = weighed.filter((f) => f.status !== 'unknown');
  const n = (level: Enforcement): number => decided.filter((f) => f.enforcement === level).length;
  const unknown = weighed.filter((f) => f.status === 'unknown' && f.enforcement !== 'advisory').length;
  const shadow = findings.length - weighed.length;
  const mandatory = n('mandatory'), deny = n('deny'), approval = n('approval') + unknown, advisory = n('advisory');
  if (verdict === 'blocked') {
    const parts: string[] = [];
    if (deny > 0) parts.push(`${plural(deny, 'deny finding')} must be fixed or waived by a signed exception`);
    if (mandatory > 0) parts.push(`${plural(mandatory, 'mandatory finding')} must be fixed (never waivable)`);
    return `BLOCKED: ${parts.join('; ') || 'blocking findings must be fixed'}`;
  }
  if (verdict === 'needs-approval') {
    return `NEEDS APPROVAL: ${plural(approval, 'finding')} need${approval === 1 ? 's' : ''} a reviewer's signed approval before this change set is applied`;
  }
  const reported = [...(advisory > 0 ? [`${plural(advisory, 'advisory finding')}`] : []), ...(shadow > 0 ? [`${plural(shadow, 'shadow finding')}`] : [])];
  return `PASS: nothing blocks this change set${reported.length > 0 ? ` (${reported.join(', ')} reported)` : ''}`;
}

function field(label: string, value: string): string {
  return `  ${label.padEnd(13)}${value}`;
}

function countList(c: Readonly<Record<string, number>>): string {
  return Object.entries(c).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`).join(', ');
}

function counts(c: Readonly<Record<string, number>>): string {
  const list = countList(c);
  return list ? ` (${list})` : '';
}

function where(f: Finding, displayPath: DisplayPath): string {
  const loc = f.location;
  const file = clean(displayPath(loc.file));
  const pos = loc.line >= 1 ? `${file}:${loc.line}:${loc.column}` : file;
  return loc.origin ? `${pos} [${clean(loc.origin)}]` : pos;
}

function findingMessage(f: Finding): string {
  const message = clean(f.message.trim());
  return f.status === 'error' ? `evaluation error: ${message}` : f.status === 'unknown' ? `unknown until apply: ${message}` : message;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Input-derived text (addresses, messages, paths) is printed with control characters made
 * visible: a hostile manifest must not be able to send terminal escape sequences, and one
 * finding stays on one line. The rules live in model/printable-text.ts, shared by every CLI output.
 */
export function clean(s: string): string {
  return printable(s);
}

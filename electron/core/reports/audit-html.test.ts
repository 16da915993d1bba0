// Issue 12: the audit report's HTML is self-contained (nothing is fetched, nothing runs) and
// every value in it is escaped, whatever a vendor, a reviewer or a co-signer wrote.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { auditFixture } from '../testing/audit-report-fixture';
import type { AuditFixture } from '../testing/audit-report-fixture';
import { buildChangeSetAuditReport } from '../app/audit-report';
import { propertyRuns } from '../testing/property-runs';
import { AUDIT_REPORT_CSP, renderAuditReportHtml } from './audit-html';
import type { AuditReport } from './audit-report-model';
import { DEFAULT_SETTINGS } from '../store';

/** The workspace default warning period (Settings), as the app passes it. */
const DEFAULT_WEEK = { expiryWarningDays: DEFAULT_SETTINGS.exceptionExpiryWarningDays };

const HOSTILE_VENDOR = '<script>alert(1)</script><img src=https://evil.example/x onerror=alert(2)> "Acme" & \'Co\' </title><style>@import url(https://evil.example/a.css)</style>\u202e';

let f: AuditFixture;
let report: AuditReport;
before(async () => {
  f = await auditFixture({ vendor: HOSTILE_VENDOR, justification: '<a href="https://evil.example">click</a> & <iframe src=//evil.example>' });
  report = buildChangeSetAuditReport(f.ws, f.digest);
});
after(() => f.cleanup());

/** The elements the report is made of, and the attributes they may carry: nothing that loads or runs. */
const TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'span', 'div', 'br', 'section', 'ul', 'ol', 'li', 'pre']);
const ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'style']);

/**
 * Reads the markup as a browser's tokenizer would (outside <style>, every `<` starts a tag) and
 * returns what is not allowed: an unknown element, an attribute outside the list, a `<` that
 * starts no tag (text that escaped escaping), or anything in the style sheet that loads a URL.
 */
function markupProblems(html: string): string[] {
  const problems: string[] = [];
  const body = html.replace(/^<!DOCTYPE html>\n/, '');
  const styles = [...body.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
  if (styles.length !== 1) problems.push(`${styles.length} style elements`);
  for (const css of styles) if (/url\(|@import|expression\(|https?:|\/\//i.test(css.replace(/\/\*[\s\S]*?\*\//g, ''))) problems.push('the style sheet names a URL');
  const markup = body.replace(/<style>[\s\S]*?<\/style>/g, '<style></style>');
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*\/?>/y;
  for (let i = markup.indexOf('<'); i !== -1; i = markup.indexOf('<', i + 1)) {
    tag.lastIndex = i;
    const m = tag.exec(markup);
    if (!m) {
      problems.push(`a raw '<' at ${i}: ${JSON.stringify(markup.slice(i, i + 40))}`);
      continue;
    }
    if (!TAGS.has(m[2]!.toLowerCase())) problems.push(`element <${m[2]}>`);
    for (const a of m[3]!.matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)) {
      if (!ATTRIBUTES.has(a[1]!.toLowerCase())) problems.push(`attribute ${a[1]} on <${m[2]}>`);
      if (a[1] === 'style' && /url\(|:\/\//i.test(a[2] ?? '')) problems.push('an inline style with a URL');
    }
  }
  return problems;
}

describe('the audit report HTML', () => {
  test('forbids every fetch in a CSP meta before any content, and holds no script, link, image, frame or form', () => {
    const html = renderAuditReportHtml(report, DEFAULT_WEEK);
    const head = html.slice(0, html.indexOf('</head>'));
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(head);
    assert.ok(csp, 'a CSP meta');
    assert.ok(head.indexOf(csp[0]) < head.indexOf('<style>') && head.indexOf(csp[0]) < head.indexOf('<title>'), 'the CSP comes first');
    assert.equal(csp[1]!.replaceAll('&apos;', "'"), AUDIT_REPORT_CSP);
    assert.match(AUDIT_REPORT_CSP, /^default-src 'none';/);
    for (const directive of ['img-src', 'font-src', 'connect-src', 'script-src', 'base-uri', 'form-action', 'frame-src', 'object-src']) {
      assert.ok(AUDIT_REPORT_CSP.includes(`${directive} 'none'`), directive);
    }
    assert.deepEqual(markupProblems(html), []);
  });

  test('hostile vendor names and justifications are escaped everywhere they appear', () => {
    const html = renderAuditReportHtml(report, DEFAULT_WEEK);
    assert.ok(!html.includes('<script') && !html.includes('<img') && !html.includes('<iframe') && !html.includes('<a '));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'shown as text');
    assert.ok(html.includes('&#x202E;'), 'a bidi override is a character reference, never raw');
    assert.ok(!html.includes('\u202e'));
    assert.ok(html.includes('&lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt;'));
    assert.deepEqual(markupProblems(html), []);
  });

  test('a finding reported once for several policies names every other policy, each id on its own and escaped', () => {
    const cs = report.changeSets[0]!;
    const merged = { ...cs.findings[0]!, alsoPolicies: ['aws-storage-encrypted', 'a"<b>&'] };
    const html = renderAuditReportHtml({ ...report, changeSets: [{ ...cs, findings: [merged, ...cs.findings.slice(1)] }, ...report.changeSets.slice(1)] }, DEFAULT_WEEK);
    assert.ok(html.includes('same control, also reported by <code>aws-storage-encrypted</code>, <code>a&quot;&lt;b&gt;&amp;</code>'));
    assert.deepEqual(markupProblems(html), []);
  });

  test('an exception in force that lapses within a week of the report says so in words, counted from the report\'s time', () => {
    const cs = report.changeSets[0]!;
    assert.ok(cs.exceptions.length > 0 && cs.exceptions.every((x) => x.state === 'in-force'));
    const soon = renderAuditReportHtml(report, DEFAULT_WEEK);
    // The fixture's exceptions expire 7 days after they were signed: 6 whole days after the report.
    assert.equal(soon.match(/6 days after this report/g)?.length, cs.exceptions.length);
    assert.equal(soon.match(/expires within a week/g)?.length, cs.exceptions.length);
    // The same report made 30 days earlier: the days are counted from it, and nothing is flagged.
    const earlier = renderAuditReportHtml({ ...report, generatedAt: new Date(Date.parse(report.generatedAt) - 30 * 86_400_000).toISOString() }, DEFAULT_WEEK);
    assert.equal(earlier.match(/36 days after this report/g)?.length, cs.exceptions.length);
    assert.doesNotMatch(earlier, /expires within a week/);
    // An exception not in force is never flagged as expiring soon.
    const notInForce = renderAuditReportHtml({ ...report, changeSets: [{ ...cs, exceptions: cs.exceptions.map((x) => ({ ...x, state: 'awaiting-signatures' })) }] }, DEFAULT_WEEK);
    assert.doesNotMatch(notInForce, /expires within a week/);
    assert.deepEqual(markupProblems(soon), []);
  });

  test('the warning period is the workspace\'s (Settings), as the inbox and the dashboard use it', () => {
    const cs = report.changeSets[0]!;
    // 6 days and some hours left: a 6-day period does not flag it, the default week does.
    assert.doesNotMatch(renderAuditReportHtml(report, { expiryWarningDays: 6 }), /expires within/);
    assert.equal(renderAuditReportHtml(report, { expiryWarningDays: 7 }).match(/expires within a week/g)?.length, cs.exceptions.length);
    // 36 days and some hours left: flagged by a 37-day period, which the flag names.
    const earlier = { ...report, generatedAt: new Date(Date.parse(report.generatedAt) - 30 * 86_400_000).toISOString() };
    assert.equal(renderAuditReportHtml(earlier, { expiryWarningDays: 37 }).match(/expires within 37 days/g)?.length, cs.exceptions.length);
    assert.doesNotMatch(renderAuditReportHtml(earlier, { expiryWarningDays: 36 }), /expires within/);
  });

  test('property: whatever text any field holds, the markup is only the report\'s own elements and attributes', () => {
    // Fields the renderer branches on keep their values; every other string is replaced.
    const KEPT = new Set(['kind', 'state', 'check', 'verdict', 'status', 'mode', 'decision', 'auditReportVersion', 'tool']);
    const hostile = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=1>', "'><svg onload=1>", '</style><link rel=stylesheet href=//e.x/a.css>', '<!--', ']]>', '&amp;', '<', '\u0000\u001b[2J\u009b'),
    );
    fc.assert(fc.property(fc.array(hostile, { minLength: 1, maxLength: 8 }), (texts) => {
      let n = 0;
      const swap = (v: unknown, key = ''): unknown => {
        if (typeof v === 'string') return KEPT.has(key) ? v : texts[n++ % texts.length]!;
        if (Array.isArray(v)) return v.map((x) => swap(x, key));
        if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x, k)]));
        return v;
      };
      const problems = markupProblems(renderAuditReportHtml(swap(report) as AuditReport, DEFAULT_WEEK));
      assert.deepEqual(problems, []);
    }), { numRuns: propertyRuns(60) });
  });
});

/**
 * The audit report's only style sheet (inline: the file makes no request). Screen: light, or dark
 * when the reader's system asks for it. Print: always black on white, every state also said in
 * words (never by colour alone), table headers repeated on each page, a change set per page.
 */
export const AUDIT_REPORT_CSS = `
:root { color-scheme: light dark; --fg: #1a1d21; --muted: #5b6470; --bg: #ffffff; --panel: #f4f6f8; --line: #d5dae0;
  --bad: #b42318; --warn: #a15c07; --good: #1f7a3a; --accent: #2557a7; }
@media screen and (prefers-color-scheme: dark) {
  :root { --fg: #e6e9ed; --muted: #a3adba; --bg: #14171b; --panel: #1d2228; --line: #39414b;
    --bad: #ff8a80; --warn: #f3b664; --good: #7dd69a; --accent: #8fb4ff; }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 0 auto; padding: 32px 40px 48px; max-width: 1200px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 6px; }
p { margin: 6px 0; }
.muted { color: var(--muted); }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--panel); font-weight: 600; }
table.facts th { width: 22%; }
.state { display: inline-block; padding: 0 6px; border: 1px solid currentColor; border-radius: 4px; font-weight: 600; font-size: 12px; white-space: nowrap; }
.bad { color: var(--bad); } .warn { color: var(--warn); } .good { color: var(--good); }
.note { background: var(--panel); border-left: 4px solid var(--accent); padding: 8px 12px; margin: 10px 0; }
.why { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
ol.steps li { margin: 6px 0; }
pre { background: var(--panel); border: 1px solid var(--line); padding: 8px 10px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12.5px; }
header.report { border-bottom: 3px solid var(--fg); padding-bottom: 12px; }
section.change-set + section.change-set { margin-top: 40px; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  :root { --fg: #000; --muted: #333; --bg: #fff; --panel: #eee; --line: #888; --bad: #000; --warn: #000; --good: #000; --accent: #000; }
  body { padding: 0; max-width: none; font-size: 10.5pt; }
  thead { display: table-header-group; }
  tr, .note, pre, table.facts { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  section.change-set { break-before: page; }
  .state { border-width: 1.5px; }
}
`;

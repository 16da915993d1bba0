import { isAbsolute, relative, sep } from 'node:path';
import { terminalSafeJson } from '../model/printable-text';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../model/finding';
import { BUILT_IN_CHECKS } from '../model/input-integrity';
import type { Enforcement, Policy, Severity } from '../model/policy';
import type { FieldSnippet, SourceLocation, TextRegion } from '../model/resource-change';
import type { ReportInput } from './report-input';
import type { DisplayPath } from './report-input';
import { asIs, policiesInForce } from './report-input';
import { snippetFinder } from './source-snippets';
import type { QuoteSource } from './source-snippets';

/** SARIF 2.1.0 (OASIS standard, errata 01). */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const TOOL_INFORMATION_URI = 'https://countersign.dev';

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifOptions {
  /** The tool's version (driver.version); defaults to the engine version. */
  readonly toolVersion?: string;
  /** Absolute finding paths are made relative to this folder (the CLI passes its cwd). */
  readonly baseDir?: string;
  /** Where a finding's file really is (see DisplayPath). */
  readonly displayPath?: DisplayPath;
  /**
   * Quotes Kubernetes files for region snippets and context regions (the CLI passes
   * loaders/kubernetes/line-quotes.ts; Terraform plans are quoted from the loaded plan).
   */
  readonly quoteSource?: QuoteSource;
}

/** Where each rule of the built-in pack and each built-in check is documented (SARIF rule helpUri). */
const PACK_DOCS = 'https://countersign.dev/docs/policies';
const BUILT_IN_DOCS = 'https://countersign.dev/docs/yaml-resolution';

/** Blocking levels are errors, approval a warning, advisory a note. */
export function sarifLevel(enforcement: Enforcement): SarifLevel {
  switch (enforcement) {
    case 'deny':
    case 'mandatory':
      return 'error';
    case 'approval':
      return 'warning';
    default:
      return 'note';
  }
}

/** GitHub code scanning reads `security-severity` (0.0–10.0) to rank security results. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string | undefined>> = {
  critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: undefined,
};

/** The SARIF log as a plain object. */
export function sarifReport({ changeSet, contract, evaluation }: ReportInput, options: SarifOptions = {}): Record<string, unknown> {
  const policies = policiesInForce(contract);
  // Findings of checks that are not contract policies (the built-in input-integrity check)
  // still get a rule, so every result has a ruleIndex and a description.
  const others = [...new Set(evaluation.findings.map((f) => f.policy))].filter((id) => !policies.some((p) => p.id === id));
  const rules = [...policies.map(ruleOf), ...others.map(checkRuleOf)];
  const ruleIndex = new Map([...policies.map((p) => p.id), ...others].map((id, i) => [id, i]));
  const snippetOf = snippetFinder(changeSet, options.quoteSource);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'countersign',
          version: options.toolVersion ?? evaluation.engineVersion,
          informationUri: TOOL_INFORMATION_URI,
          rules,
        },
      },
      // Columns come from JavaScript string offsets, i.e. UTF-16 code units (also SARIF's default).
      columnKind: 'utf16CodeUnits',
      results: evaluation.findings.map((f) => resultOf(f, ruleIndex.get(f.policy), options, snippetOf(f))),
      properties: {
        verdict: evaluation.verdict,
        changeSetDigest: changeSet.digest,
        contractDigest: contract.digest,
        engineVersion: evaluation.engineVersion,
        evaluatedAt: evaluation.at,
      },
    }],
  };
}

export function renderSarifReport(input: ReportInput, options: SarifOptions = {}): string {
  return `${terminalSafeJson(JSON.stringify(sarifReport(input, options), null, 2))}\n`;
}

function ruleOf(p: Policy): Record<string, unknown> {
  const securitySeverity = SECURITY_SEVERITY[p.severity];
  return {
    id: p.id,
    name: pascalCase(p.id),
    shortDescription: { text: p.title || p.id },
    fullDescription: { text: p.description || p.title || p.id },
    help: { text: p.remediation || p.description || p.title || p.id },
    // A contract's own policy has no published page: its help text is all there is.
    ...(p.pack === 'baseline' ? { helpUri: `${PACK_DOCS}#${p.id}` } : {}),
    defaultConfiguration: { level: sarifLevel(p.enforcement) },
    properties: {
      enforcement: p.enforcement,
      severity: p.severity,
      ...(p.tags.length > 0 ? { tags: [...new Set(p.tags)] } : {}),
      ...(securitySeverity ? { 'security-severity': securitySeverity } : {}),
    },
  };
}

/** A rule for a finding whose check is not in the contract: a built-in check, or a bare id. */
function checkRuleOf(id: string): Record<string, unknown> {
  const c = BUILT_IN_CHECKS.get(id);
  if (!c) return { id, name: pascalCase(id), shortDescription: { text: id } };
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: c.title },
    fullDescription: { text: c.description },
    help: { text: c.remediation },
    helpUri: BUILT_IN_DOCS,
    defaultConfiguration: { level: sarifLevel(c.enforcement) },
    properties: { enforcement: c.enforcement, severity: c.severity, builtIn: true, 'security-severity': SECURITY_SEVERITY[c.severity] },
  };
}

function resultOf(f: Finding, index: number | undefined, options: SarifOptions, snippet: FieldSnippet | undefined): Record<string, unknown> {
  const physical = physicalLocationOf(f.location, options.displayPath ?? asIs, options.baseDir, snippet);
  return {
    ruleId: f.policy,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    // An evaluation error fails closed, so it is reported as an error whatever the enforcement;
    // an unknown needs approval, never blocks: a warning (a note when advisory).
    // A shadow finding weighs nothing: a note, whatever its status.
    level: f.shadow === true ? 'note' : f.status === 'error' ? 'error' : f.status === 'unknown' ? (f.enforcement === 'advisory' ? 'note' : 'warning') : sarifLevel(f.enforcement),
    message: { text: f.message || f.title || f.policy },
    locations: [{
      ...(physical ? { physicalLocation: physical } : {}),
      logicalLocations: [{ fullyQualifiedName: f.resource.address, kind: 'resource' }],
    }],
    properties: {
      status: f.status,
      enforcement: f.enforcement,
      severity: f.severity,
      resourceType: f.resource.type,
      action: f.resource.action,
      drift: f.resource.drift,
      ...(f.shadow === true ? { shadow: true } : {}),
      // The other rules reporting the same standard control here (countersign-engine/5).
      ...(f.alsoPolicies !== undefined && f.alsoPolicies.length > 0 ? { alsoPolicies: [...f.alsoPolicies] } : {}),
      ...(f.location.origin ? { origin: f.location.origin } : {}),
    },
  };
}

function physicalLocationOf(loc: SourceLocation, displayPath: DisplayPath, baseDir: string | undefined, snippet: FieldSnippet | undefined): Record<string, unknown> | undefined {
  if (!loc.file) return undefined;
  // SARIF lines and columns are 1-based; a location without a line has no region. The region
  // is the finding's own location; a snippet (which starts there) adds its end and text.
  const quoted = snippet && snippet.region.startLine === loc.line && snippet.region.startColumn === loc.column ? snippet : undefined;
  const region = quoted ? regionOf(quoted.region) : loc.line >= 1
    ? { startLine: loc.line, ...(loc.column >= 1 ? { startColumn: loc.column } : {}) }
    : undefined;
  return {
    artifactLocation: { uri: artifactUri(displayPath(loc.file), baseDir) },
    ...(region ? { region } : {}),
    ...(quoted?.context ? { contextRegion: regionOf(quoted.context) } : {}),
  };
}

function regionOf(r: TextRegion): Record<string, unknown> {
  return { startLine: r.startLine, startColumn: r.startColumn, endLine: r.endLine, endColumn: r.endColumn, snippet: { text: r.text } };
}

/**
 * A relative POSIX URI reference for a file path (percent-encoded per segment). An absolute
 * path is made relative to `baseDir`; without one, it becomes a file: URI.
 */
export function artifactUri(file: string, baseDir?: string): string {
  let path = file;
  if (isAbsolute(path)) {
    if (!baseDir) return pathToFileURL(path).href;
    path = relative(baseDir, path);
  }
  const segments = sep === '\\' ? path.split(/[\\/]/) : path.split('/');
  return segments.map((s) => encodeURIComponent(s)).join('/');
}

function pascalCase(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') || id;
}

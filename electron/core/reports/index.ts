import type { DisplayPath, ReportInput } from './report-input';
import { renderJsonReport } from './json-report';
import { renderJunitReport } from './junit-report';
import { renderSarifReport } from './sarif-report';
import { renderTextReport } from './text-report';

import type { QuoteSource } from './source-snippets';

export type { DisplayPath, ReportContract, ReportInput } from './report-input';
export type { QuoteSource } from './source-snippets';
export { jsonReport, renderJsonReport } from './json-report';
export { sarifReport, renderSarifReport, sarifLevel } from './sarif-report';
export { renderJunitReport } from './junit-report';
export { renderTextReport, verdictLine } from './text-report';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

export interface RenderOptions {
  /** Text only: ANSI colors. */
  readonly color?: boolean;
  /** SARIF only: driver.version. */
  readonly toolVersion?: string;
  /** SARIF only: absolute paths are made relative to this folder. */
  readonly baseDir?: string;
  /** Text, SARIF, JUnit: where a finding's file really is; the JSON report keeps the model's paths. */
  readonly displayPath?: DisplayPath;
  /** SARIF only: quotes Kubernetes files for region snippets (see sarif-report.ts). */
  readonly quoteSource?: QuoteSource;
}

/** Renders one report format; every format is a pure function of the input. */
export function renderReport(format: ReportFormat, input: ReportInput, options: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return renderJsonReport(input);
    case 'sarif':
      return renderSarifReport(input, options);
    case 'junit':
      return renderJunitReport(input, options);
    default:
      return renderTextReport(input, options);
  }
}

import { existsSync } from 'node:fs';
import { compileContract, defaultContract, evaluateChangeSet, explainFindings, loadContractFile } from '../../core/engine';
import { startLoadingChangeSet } from '../../core/loaders/load-change-set';
import type { ChangeSet } from '../../core/model/changeset';
import type { ResourceChange } from '../../core/model/resource-change';
import type { ResourceActivation } from '../../core/engine/evaluate/evaluate-changeset';
import type { Evaluation } from '../../core/model/finding';
import { InputError, UsageError } from '../../core/model/errors';
import { TYPED_TIME, parseIsoTime } from '../../core/model/iso-time';
import { printable } from '../../core/model/printable-text';
import { REPORT_FORMATS, isReportFormat, renderReport } from '../../core/reports';
import { EVALUATE_HELP } from '../help';
import { writeOutput, useColor } from '../output';
import { displayPathFor, quoteSourceFor } from '../source-paths';
import { parseCommandArgs } from '../parse-args';
import { phaseTimes } from '../phase-times';
import { CLI_VERSION } from '../version';

const OPTIONS = {
  contract: { type: 'string', short: 'c' },
  format: { type: 'string', short: 'f', default: 'text' },
  output: { type: 'string', short: 'o' },
  at: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `countersign evaluate`: returns the exit code (0 pass, 1 blocked or needs approval). */
export async function evaluateCommand(args: readonly string[]): Promise<number> {
  const phases = phaseTimes();
  phases.mark('command loaded');
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 'evaluate');
  if (values.help) {
    process.stdout.write(EVALUATE_HELP);
    return 0;
  }
  const format = values.format;
  if (!isReportFormat(format)) {
    throw new UsageError(`unknown format '${format}' (expected ${REPORT_FORMATS.join(', ')})`);
  }
  if (positionals.length === 0) {
    throw new UsageError("evaluate needs an INPUT: a bundle folder or archive, or plan/manifest files (see 'countersign evaluate --help')");
  }
  const at = values.at !== undefined ? parseTime(values.at) : undefined;
  for (const input of positionals) mustExist(input);

  const contract = values.contract !== undefined ? loadContractFile(mustExist(values.contract)) : defaultContract();
  const compiled = compileContract(contract);
  phases.mark('contract compiled');
  // A big plan is still being checked on another thread while we evaluate and render it:
  // nothing is written, and no verdict returned, before that check passes (fail closed).
  const { changeSet, verified } = await startLoadingChangeSet(positionals);
  phases.mark('change set loaded');
  let evaluation: Evaluation;
  let report: string;
  try {
    const when = at ?? plannedOrNow(changeSet);
    const activations = new Map<ResourceChange, ResourceActivation>();
    evaluation = evaluateChangeSet(changeSet, compiled, { at: when, keepActivations: activations });
    phases.mark('evaluated');
    // Why each finding fired (JSON and text); beside the findings, never in the evaluation digest.
    const explanations = format === 'json' || format === 'text' ? explainFindings(changeSet, compiled, evaluation.findings, when, activations) : undefined;
    phases.mark('explained');
    report = renderReport(format, { changeSet, contract, evaluation, ...(explanations ? { explanations } : {}) }, {
      color: format === 'text' && values.output === undefined && useColor(),
      toolVersion: CLI_VERSION,
      baseDir: process.cwd(),
      displayPath: displayPathFor(positionals),
      quoteSource: quoteSourceFor(positionals, changeSet),
    });
    phases.mark('rendered');
  } finally {
    // An invalid input's error wins over anything that went wrong with its partial reading.
    await verified;
    phases.mark('input verified');
  }
  writeOutput(report, values.output);
  phases.mark('written');
  return evaluation.verdict === 'pass' ? 0 : 1;
}

/** A date, or a date-time with a zone: a zone-less time would silently mean the machine's zone. */
export function parseTime(text: string): Date {
  const r = parseIsoTime(text, TYPED_TIME);
  if (!r.ok) throw new UsageError(`--at '${printable(text)}' ${r.reason} (e.g. 2026-01-05T03:00:00Z)`);
  return r.date;
}

/** `now` is the planned apply time when the vendor states one: windows are about when it applies. */
function plannedOrNow(cs: ChangeSet): Date {
  const planned = cs.metadata.plannedApplyAt;
  if (!planned) return new Date();
  const r = parseIsoTime(planned, TYPED_TIME);
  if (!r.ok) throw new InputError(cs.origin, `plannedApplyAt '${printable(planned)}' ${r.reason}`);
  return r.date;
}

function mustExist(path: string): string {
  if (!existsSync(path)) throw new InputError(path, 'no such file or directory');
  return path;
}

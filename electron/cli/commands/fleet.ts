import { readFileSync } from 'node:fs';
import { evaluateFleet, fleetJson, loadFleetContracts, mergeFleet, parseFleetJson, parseShard, renderFleetHtml, renderFleetText } from '../../core/fleet';
import type { FleetMatrix } from '../../core/fleet';
import { decodeText } from '../../core/io/decode-text';
import { startLoadingChangeSet } from '../../core/loaders/load-change-set';
import { InputError, UsageError } from '../../core/model/errors';
import { printable } from '../../core/model/printable-text';
import { resolveTrustedKeys } from '../../core/verify/trusted-keys';
import { FLEET_HELP, FLEET_MERGE_HELP } from '../help';
import { writeOutput } from '../output';
import { parseCommandArgs } from '../parse-args';
import { parseTime } from './evaluate';

const FORMATS = ['text', 'json', 'html'] as const;
type FleetFormat = (typeof FORMATS)[number];

const OUTPUT_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'text' },
  output: { type: 'string', short: 'o' },
  out: { type: 'string' },
  'require-signed': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const OPTIONS = {
  ...OUTPUT_OPTIONS,
  contracts: { type: 'string', short: 'c', multiple: true },
  shard: { type: 'string' },
  at: { type: 'string' },
  trust: { type: 'string', multiple: true },
} as const;

function formatOf(value: string): FleetFormat {
  if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`unknown format '${printable(value.slice(0, 40))}' (expected ${FORMATS.join(', ')})`);
  return value as FleetFormat;
}

function outputOf(values: { output?: string | undefined; out?: string | undefined }): string | undefined {
  if (values.output !== undefined && values.out !== undefined) throw new UsageError('give --output or --out, not both');
  return values.output ?? values.out;
}

function render(format: FleetFormat, m: FleetMatrix): string {
  return format === 'json' ? fleetJson(m) : format === 'html' ? renderFleetHtml(m) : renderFleetText(m);
}

/** 1 when any install blocks (or, with --require-signed, any contract's publication does not hold), else 0. */
function exitCode(m: FleetMatrix, requireSigned: boolean): number {
  if (m.rows.some((r) => r.verdict === 'blocked')) return 1;
  if (requireSigned && m.rows.some((r) => r.contractStatus !== 'signed')) return 1;
  return 0;
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new InputError(file, `cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return decodeText(bytes, file);
}

/**
 * `countersign fleet`: one release against many contracts (one per install). Everything is
 * read, checked and evaluated before a byte is written: a bad contract, release or option is
 * exit 2 with nothing on stdout.
 */
export async function fleetCommand(args: readonly string[]): Promise<number> {
  if (args[0] === 'merge') return fleetMergeCommand(args.slice(1));
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 'fleet');
  if (values.help) {
    process.stdout.write(FLEET_HELP);
    return 0;
  }
  const format = formatOf(values.format);
  const output = outputOf(values);
  const contractPaths = values.contracts ?? [];
  if (contractPaths.length === 0) throw new UsageError("fleet needs --contracts DIR|FILE (repeatable) (see 'countersign fleet --help')");
  if (positionals.length === 0) throw new UsageError("fleet needs a RELEASE: a bundle folder or archive, or plan/manifest files (see 'countersign fleet --help')");
  const shard = values.shard !== undefined ? parseShard(values.shard) : undefined;
  const at = values.at !== undefined ? parseTime(values.at) : undefined;
  const trusted = (values.trust ?? []).length > 0 ? resolveTrustedKeys((values.trust ?? []).map((file) => ({ pem: readText(file), source: file }))) : null;

  const contracts = loadFleetContracts(contractPaths);
  const loadStarted = performance.now();
  const { changeSet, verified } = await startLoadingChangeSet(positionals);
  const loadMs = performance.now() - loadStarted;
  let matrix: FleetMatrix;
  try {
    matrix = evaluateFleet(changeSet, contracts, { ...(shard ? { shard } : {}), ...(at ? { at } : {}), trusted });
  } finally {
    // An invalid release's error wins over anything that went wrong with its partial reading.
    await verified;
  }
  if (matrix.timings) matrix = { ...matrix, timings: { ...matrix.timings, loadMs } };
  writeOutput(render(format, matrix), output);
  return exitCode(matrix, values['require-signed'] === true);
}

/** `countersign fleet merge SHARD.json...`: the shards of one run, as one matrix. */
export async function fleetMergeCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OUTPUT_OPTIONS, 'fleet merge');
  if (values.help) {
    process.stdout.write(FLEET_MERGE_HELP);
    return 0;
  }
  const format = formatOf(values.format);
  const output = outputOf(values);
  if (positionals.length === 0) throw new UsageError("fleet merge needs the shards' JSON files (see 'countersign fleet merge --help')");
  const matrix = mergeFleet(positionals.map((file) => ({ file, matrix: parseFleetJson(readText(file), file) })));
  writeOutput(render(format, matrix), output);
  return exitCode(matrix, values['require-signed'] === true);
}

import { readFileSync } from 'node:fs';
import { terminalSafeJson } from '../../core/model/printable-text';
import { userInfo } from 'node:os';
import { decodeText } from '../../core/io/decode-text';
import { workspacePathFrom, withWorkspace } from '../../core/app';
import type { Workspace } from '../../core/store';
import { InputError, UsageError } from '../../core/model/errors';

/** `--workspace PATH` (with -w), shared by every workspace command. */
export const WORKSPACE_OPTION = { workspace: { type: 'string', short: 'w' } } as const;
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** Opens the workspace named by --workspace or $COUNTERSIGN_WORKSPACE, runs `fn`, closes it. */
export function inWorkspace<T>(explicit: string | undefined, fn: (ws: Workspace) => T | Promise<T>, options: { readonly readonly?: boolean } = {}): Promise<T> {
  return withWorkspace(workspacePathFrom(explicit), fn, options);
}

/** Who the CLI records as a contract revision's author. */
export function cliAuthor(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function needPositionals(positionals: readonly string[], count: number, what: string, command: string): readonly string[] {
  if (positionals.length < count) throw new UsageError(`${command} needs ${what} (see 'countersign ${command.split(' ')[0]} --help')`);
  if (positionals.length > count) throw new UsageError(`unexpected argument '${positionals[count]}' (see 'countersign ${command.split(' ')[0]} --help')`);
  return positionals;
}

export function need(value: string | undefined, flag: string, command: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${command} needs ${flag} (see 'countersign ${command.split(' ')[0]} --help')`);
  return value;
}

export function formatOf(value: string | undefined): 'text' | 'json' {
  const f = value ?? 'text';
  if (f !== 'text' && f !== 'json') throw new UsageError(`unknown format '${f}' (expected text or json)`);
  return f;
}

export function printJson(value: unknown): void {
  // Vendor strings reach the terminal raw otherwise (JSON escapes C0 only, not C1 or bidi overrides).
  process.stdout.write(`${terminalSafeJson(JSON.stringify(value, null, 2))}\n`);
}

/** Splits `group sub args…`; an unknown or missing subcommand is a usage error listing the valid ones. */
export function subcommand(group: string, args: readonly string[], subs: readonly string[]): { readonly sub: string; readonly rest: readonly string[] } {
  const [sub, ...rest] = args;
  if (sub === undefined || sub.startsWith('-')) {
    if (sub === '--help' || sub === '-h') return { sub: 'help', rest };
    throw new UsageError(`${group} needs a subcommand: ${subs.join(', ')} (see 'countersign ${group} --help')`);
  }
  if (!subs.includes(sub)) throw new UsageError(`unknown ${group} subcommand '${sub}' (expected ${subs.join(', ')})`);
  return { sub, rest };
}

/** A small text file the user named (a PEM, an envelope); unreadable → InputError naming it. */
export function readTextFile(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new InputError(file, `cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return decodeText(bytes, file);
}

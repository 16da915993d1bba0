import { UsageError } from '../core/model/errors';
import { APPROVE_HELP, AUDIT_HELP, CHANGESET_HELP, CONTRACT_HELP, EXCEPTION_HELP, EXPORT_HELP, KEYS_HELP, VERIFY_HELP, WORKSPACE_HELP } from './commands/workspace-help';
import { WITHDRAW_HELP } from './commands/withdraw-help';
import { DRIFT_HELP } from './commands/drift-help';
import { REPORT_HELP } from './commands/report-help';
import { ATTESTATIONS_HELP, REQUEST_HELP } from './commands/request-help';
import { describeFailure } from './fail';
import { EVALUATE_HELP, FLEET_HELP, MAIN_HELP, TEST_HELP } from './help';
import { versionLine } from './version';

type Run = (args: readonly string[]) => Promise<number>;

// Each command's code is loaded when it runs (esbuild splits the bundle per command), so
// `evaluate` does not load the workspace, signing and SQLite code, nor they the engine.
const COMMANDS: Readonly<Record<string, { load: () => Promise<Run>; help: string }>> = {
  evaluate: { load: async () => (await import('./commands/evaluate')).evaluateCommand, help: EVALUATE_HELP },
  test: { load: async () => (await import('./commands/test')).testCommand, help: TEST_HELP },
  fleet: { load: async () => (await import('./commands/fleet')).fleetCommand, help: FLEET_HELP },
  verify: { load: async () => (await import('./commands/verify')).verifyCommand, help: VERIFY_HELP },
  workspace: { load: async () => (await import('./commands/workspace')).workspaceCommand, help: WORKSPACE_HELP },
  changeset: { load: async () => (await import('./commands/changeset')).changesetCommand, help: CHANGESET_HELP },
  contract: { load: async () => (await import('./commands/contract')).contractCommand, help: CONTRACT_HELP },
  keys: { load: async () => (await import('./commands/keys')).keysCommand, help: KEYS_HELP },
  approve: { load: async () => (await import('./commands/approve')).approveCommand, help: APPROVE_HELP },
  reject: { load: async () => (await import('./commands/approve')).rejectCommand, help: APPROVE_HELP },
  exception: { load: async () => (await import('./commands/exception')).exceptionCommand, help: EXCEPTION_HELP },
  withdraw: { load: async () => (await import('./commands/withdraw')).withdrawCommand, help: WITHDRAW_HELP },
  audit: { load: async () => (await import('./commands/audit')).auditCommand, help: AUDIT_HELP },
  export: { load: async () => (await import('./commands/export')).exportCommand, help: EXPORT_HELP },
  report: { load: async () => (await import('./commands/report')).reportCommand, help: REPORT_HELP },
  request: { load: async () => (await import('./commands/request')).requestCommand, help: REQUEST_HELP },
  attestations: { load: async () => (await import('./commands/request')).attestationsCommand, help: ATTESTATIONS_HELP },
  drift: { load: async () => (await import('./commands/drift')).driftCommand, help: DRIFT_HELP },
};

/**
 * Runs one command line and returns the exit code. Never throws: every error becomes one
 * line on stderr (see describeFailure).
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (err) {
    const { code, message } = describeFailure(err);
    process.stderr.write(`${message}\n`);
    return code;
  }
}

async function dispatch(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError("missing command (see 'countersign --help')");
  if (first === '--help' || first === '-h') return print(MAIN_HELP);
  if (first === '--version' || first === '-V' || first === 'version') return print(`${versionLine()}\n`);
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return print(MAIN_HELP);
    return print(commandOf(topic).help);
  }
  const run = await commandOf(first).load();
  return run(rest);
}

function commandOf(name: string) {
  if (name.startsWith('-')) throw new UsageError(`unknown option '${name}' (see 'countersign --help')`);
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(', ')}; see 'countersign --help')`);
  return command;
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

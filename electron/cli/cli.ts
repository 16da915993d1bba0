import { UsageError } from '../core/model/errors';
import { evaluateCommand } from './commands/evaluate';
import { testCommand } from './commands/test';
import { approveCommand, rejectCommand } from './commands/approve';
import { auditCommand } from './commands/audit';
import { changesetCommand } from './commands/changeset';
import { contractCommand } from './commands/contract';
import { exceptionCommand } from './commands/exception';
import { keysCommand } from './commands/keys';
import { verifyCommand } from './commands/verify';
import { workspaceCommand } from './commands/workspace';
import { APPROVE_HELP, AUDIT_HELP, CHANGESET_HELP, CONTRACT_HELP, EXCEPTION_HELP, KEYS_HELP, VERIFY_HELP, WORKSPACE_HELP } from './commands/workspace-help';
import { describeFailure } from './fail';
import { EVALUATE_HELP, MAIN_HELP, TEST_HELP } from './help';
import { versionLine } from './version';

const COMMANDS: Readonly<Record<string, { run: (args: readonly string[]) => Promise<number>; help: string }>> = {
  evaluate: { run: evaluateCommand, help: EVALUATE_HELP },
  test: { run: testCommand, help: TEST_HELP },
  verify: { run: verifyCommand, help: VERIFY_HELP },
  workspace: { run: workspaceCommand, help: WORKSPACE_HELP },
  changeset: { run: changesetCommand, help: CHANGESET_HELP },
  contract: { run: contractCommand, help: CONTRACT_HELP },
  keys: { run: keysCommand, help: KEYS_HELP },
  approve: { run: approveCommand, help: APPROVE_HELP },
  reject: { run: rejectCommand, help: APPROVE_HELP },
  exception: { run: exceptionCommand, help: EXCEPTION_HELP },
  audit: { run: auditCommand, help: AUDIT_HELP },
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
  return commandOf(first).run(rest);
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

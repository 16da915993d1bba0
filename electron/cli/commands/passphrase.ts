import { openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import { UsageError } from '../../core/model/errors';

export const PASSPHRASE_ENV = 'COUNTERSIGN_PASSPHRASE';
/** The new key's passphrase in automation (`keys rotate`): the old key's stays in PASSPHRASE_ENV. */
export const NEW_PASSPHRASE_ENV = 'COUNTERSIGN_NEW_PASSPHRASE';
/** The backup's passphrase in automation (`workspace backup|restore`): not a key's, so a key passphrase never opens a backup by accident. */
export const BACKUP_PASSPHRASE_ENV = 'COUNTERSIGN_BACKUP_PASSPHRASE';

interface Terminal {
  readonly input: ReadStream;
  readonly output: NodeJS.WritableStream;
  close(): void;
}

/**
 * A passphrase from $COUNTERSIGN_PASSPHRASE (automation), else typed at the terminal with echo
 * off. Never from a command-line argument: those end up in shell history and `ps` output.
 * `confirm` asks twice (new keys), so a typo does not lock the key away.
 */
export async function readPassphrase(prompt: string, options: { readonly confirm?: boolean; readonly env?: string } = {}): Promise<string> {
  const env = options.env ?? PASSPHRASE_ENV;
  const fromEnv = process.env[env];
  if (fromEnv !== undefined) return fromEnv;
  const terminal = openTerminal();
  if (!terminal) throw new UsageError(`no passphrase: set ${env} or run in a terminal`);
  try {
    const first = await readHidden(terminal, prompt);
    if (options.confirm) {
      const again = await readHidden(terminal, 'Repeat the passphrase: ');
      if (again !== first) throw new UsageError('the two passphrases differ; nothing was created');
    }
    return first;
  } finally {
    terminal.close();
  }
}

/** stdin when it is a terminal, else the controlling terminal (/dev/tty), else none. */
function openTerminal(): Terminal | null {
  if (process.stdin.isTTY) return { input: process.stdin as ReadStream, output: process.stderr, close: () => process.stdin.pause() };
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return null; // no controlling terminal (CI, a pipe, a daemon)
  }
  const input = new ReadStream(fd);
  const output = new WriteStream(fd);
  return { input, output, close: () => input.destroy() };
}

/** Raw mode: characters are read one by one and never echoed. */
function readHidden(t: Terminal, prompt: string): Promise<string> {
  t.output.write(prompt);
  t.input.setRawMode(true);
  t.input.setEncoding('utf8');
  t.input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (err: Error | null): void => {
      t.input.off('data', onData);
      t.input.setRawMode(false);
      t.input.pause();
      t.output.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003' || ch === '\u0004') return finish(new UsageError('cancelled: no passphrase given'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    t.input.on('data', onData);
  });
}

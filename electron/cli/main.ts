// Entry of the bundled CLI (build/build-cli.mjs → out/cli/countersign.mjs).
import { fileURLToPath } from 'node:url';
import { usePackCache } from '../core/engine/contract/pack-cache';
import { runCli } from './cli';
import { describeFailure } from './fail';

// Last line of defence: whatever escapes still ends as one line on stderr, never a stack trace.
function die(err: unknown): void {
  const { code, message } = describeFailure(err);
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
process.on('uncaughtException', die);
process.on('unhandledRejection', die);
// `countersign evaluate … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  die(err);
});

// The built-in packs, parsed at build time (build/build-cli.mjs): used only while their files
// are unchanged (pack-cache.ts).
usePackCache(fileURLToPath(new URL('packs.json', import.meta.url)));

// exitCode, not exit(): a large report piped to another program must be flushed first.
process.exitCode = await runCli(process.argv.slice(2));

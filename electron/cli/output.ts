import { writeFileSync } from 'node:fs';
import { InputError } from '../core/model/errors';

/** Where a command's report goes: stdout, or the --output file. */
export function writeOutput(text: string, file: string | undefined): void {
  if (file === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(file, text);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new InputError(file, `cannot write the report${typeof code === 'string' ? ` (${code})` : ''}`);
  }
}

/** Colors only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}

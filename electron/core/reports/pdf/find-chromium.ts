import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { UsageError } from '../../model/errors';
import { printable } from '../../model/printable-text';

/** The names looked up on PATH, in order, when neither `--chromium` nor COUNTERSIGN_CHROMIUM names one. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge', 'msedge'] as const;

/** Where the browsers install themselves outside PATH (macOS, Windows). */
const WELL_KNOWN = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
] as const;

export const CHROMIUM_ENV = 'COUNTERSIGN_CHROMIUM';

/** No Chromium to print with: bad usage (exit 2), saying how to point at one. */
export class ChromiumNotFound extends UsageError {
  override readonly name = 'UsageError';
}

export interface ChromiumSearch {
  /** `--chromium PATH` (or the app's setting): used as given, never replaced by a search. */
  readonly chromium?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
}

/**
 * The Chromium to print with: the path given, else COUNTERSIGN_CHROMIUM, else the first of
 * CHROMIUM_NAMES on PATH, else a well-known install location. A path given (option or
 * variable) that is not an executable file is an error, never silently replaced by another browser.
 */
export function findChromium(search: ChromiumSearch = {}): string {
  const env = search.env ?? process.env;
  const given = search.chromium ?? (env[CHROMIUM_ENV] !== undefined && env[CHROMIUM_ENV] !== '' ? env[CHROMIUM_ENV] : undefined);
  if (given !== undefined) {
    if (!isExecutable(given)) {
      const from = search.chromium !== undefined ? '--chromium' : CHROMIUM_ENV;
      throw new ChromiumNotFound(`${from} names '${printable(given.slice(0, 200))}', which is not an executable file: ${HOW_TO}`);
    }
    return given;
  }
  const windows = (search.platform ?? process.platform) === 'win32';
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue; // a relative PATH entry would run whatever sits in the current folder
    for (const name of CHROMIUM_NAMES) {
      const file = join(dir, windows ? `${name}.exe` : name);
      if (isExecutable(file)) return file;
    }
  }
  for (const file of WELL_KNOWN) if (isExecutable(file)) return file;
  throw new ChromiumNotFound(`no Chromium found to render the PDF (looked for ${CHROMIUM_NAMES.join(', ')} on PATH): ${HOW_TO}`);
}

const HOW_TO = `install Chromium or Chrome, or point at one with --chromium PATH or ${CHROMIUM_ENV}=PATH (or use --format html and print it)`;

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// Where the UI tests find Chromium. They never download a browser: they drive the system's
// Chromium (Debian/Ubuntu package `chromium`) or the one CHROMIUM_PATH names.
import { accessSync, constants } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium executable to use, or null when there is none. */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return CANDIDATES.find(executable) ?? null;
}

/** The one message a machine without Chromium gets. */
export function missingChromiumMessage(env = process.env) {
  const named = env.CHROMIUM_PATH ? `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file. ` : 'No Chromium found. ';
  return `${named}The UI tests (e2e/) drive a real Chromium and never download one. Provide it with ` +
    '`sudo apt-get install -y chromium` (Debian/Ubuntu), or point CHROMIUM_PATH at a Chrome/Chromium executable. ' +
    'To run every other test without them: COUNTERSIGN_SKIP_UI_TESTS=1 npm test.';
}

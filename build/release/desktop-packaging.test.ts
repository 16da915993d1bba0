// The desktop packaging configuration is valid for the electron-builder version in the lockfile,
// signs or fails, and hardens the Electron binary with fuses (a thief with the user's account
// cannot run other code under Countersign's signature).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const config = parse(readFileSync(join(root, 'build/electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>; mac: Record<string, unknown>; win: { signtoolOptions: Record<string, unknown> };
};

test("electron-builder's own validation accepts the configuration", async () => {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration: (c: unknown, logger: { isEnabled: boolean; add: () => void }) => Promise<void>;
  };
  await validateConfiguration(config, { isEnabled: false, add: () => undefined });
  await assert.rejects(validateConfiguration({ ...config, mac: { ...config.mac, notarise: true } }, { isEnabled: false, add: () => undefined }));
});

test('release builds must be signed, notarized on macOS and timestamped with SHA-256 on Windows', () => {
  assert.equal(config.forceCodeSigning, true);
  assert.equal(config.mac.hardenedRuntime, true);
  assert.equal(config.mac.notarize, true);
  assert.deepEqual(config.win.signtoolOptions.signingHashAlgorithms, ['sha256']);
  assert.match(String(config.win.signtoolOptions.rfc3161TimeStampServer), /^http/);
  const entitlements = readFileSync(join(root, String(config.mac.entitlements)), 'utf8');
  const granted = [...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
  assert.deepEqual(granted, ['com.apple.security.cs.allow-jit'], 'only the JIT entitlement V8 needs');
});

test('fuses: no run-as-Node, no NODE_OPTIONS or inspector, code only from an integrity-checked app.asar', () => {
  assert.deepEqual(
    { runAsNode: config.electronFuses.runAsNode, nodeOptions: config.electronFuses.enableNodeOptionsEnvironmentVariable, inspect: config.electronFuses.enableNodeCliInspectArguments, asarOnly: config.electronFuses.onlyLoadAppFromAsar, asarIntegrity: config.electronFuses.enableEmbeddedAsarIntegrityValidation },
    { runAsNode: false, nodeOptions: false, inspect: false, asarOnly: true, asarIntegrity: true },
  );
});

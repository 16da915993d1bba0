#!/usr/bin/env node
// Thin launcher: the CLI is bundled by `npm run build` (run automatically by `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../../out/cli/countersign.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('countersign: the CLI is not built yet; run `npm run build` (npm ci does it for you).\n');
  process.exit(2);
}
await import(bundle.href);

// Freezes the current policy folders of a pack as its released version:
//   node --import tsx build/packs/release-pack.ts baseline
// writes policies/_released/<pack>/<version>.json (version from the pack's pack.yaml). A version
// that was already released is never overwritten: bump `version:` in pack.yaml first.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { snapshotFile, snapshotOfLivePack } from '../../electron/core/engine/contract/pack-version';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'policies');
const pack = process.argv[2];
if (!pack) {
  console.error('usage: node --import tsx build/packs/release-pack.ts <pack>');
  process.exit(2);
}
const snapshot = snapshotOfLivePack(pack, root);
const file = snapshotFile(pack, snapshot.version, root);
if (existsSync(file)) {
  console.error(`${file} exists: version ${snapshot.version} of ${pack} is released and frozen; bump version in policies/${pack}/pack.yaml`);
  process.exit(1);
}
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(snapshot, null, 1)}\n`);
console.log(`${file}: ${pack} version ${snapshot.version}, ${snapshot.digest}`);

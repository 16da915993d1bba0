import { ENGINE_VERSION } from '../core/engine/version';
import pkg from '../../package.json';

/** The CLI's own version (package.json), bundled in at build time. */
export const CLI_VERSION: string = pkg.version;

export function versionLine(): string {
  return `countersign ${CLI_VERSION} (${ENGINE_VERSION})`;
}

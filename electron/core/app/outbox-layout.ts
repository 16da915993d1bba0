import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { InputError, NotFoundError } from '../model/errors';
import type { Workspace } from '../store';

/*
 * The outbox has one folder per change set: `outbox/<vendor>/<install>/<release>/<digest-hex>/`.
 * Vendor, install and release come from the change set's metadata, which the vendor writes, so
 * each becomes ONE safe path segment (outboxSegment) and the digest comes last: whatever the
 * names are, two change sets never share a folder and no name reaches outside the outbox.
 *
 * A segment, from the name:
 * - kept as is: ASCII letters, digits, `.`, `_`, `-`;
 * - every other byte of the name's UTF-8 is written `%XX` (upper-case hex), `%` itself included,
 *   so `/`, `\`, NUL, controls, spaces and non-ASCII letters never reach the file system raw;
 * - a leading `.` or `_`, a trailing `.`, and the first letter of a Windows device name (`CON`,
 *   `nul.txt`, `COM1`…) are written `%XX` too: no hidden folder, never `.` or `..`, no name that
 *   Windows trims or maps to a device;
 * - the empty name is `_` (no other name yields `_`: a leading `_` is escaped);
 * - a segment longer than 64 characters is cut to its first 31 (never inside a `%XX`) followed by
 *   `~` and 32 hex of the SHA-256 of the name (`~` is never kept, so a cut name never equals an
 *   uncut one).
 * Different names give different segments (the mapping is injective), except on file systems
 * that ignore case (macOS, Windows), where `Acme` and `acme` share a folder; the digest folder
 * below them still keeps each change set's files apart.
 */

const KEPT = /^[A-Za-z0-9._-]$/;
const MAX_SEGMENT = 64;
const CUT_TO = 31;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/** One vendor-controlled name as one safe folder name (see above). */
export function outboxSegment(name: string): string {
  if (name === '') return '_';
  const bytes = Buffer.from(name, 'utf8');
  const parts: string[] = [];
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    parts.push(b < 0x80 && KEPT.test(ch) ? ch : percent(b));
  }
  const first = parts[0]!;
  if (first === '.' || first === '_') parts[0] = percent(first.charCodeAt(0));
  const last = parts.length - 1;
  if (parts[last] === '.') parts[last] = percent(0x2e);
  if (WINDOWS_DEVICE.test(name)) parts[0] = percent(parts[0]!.charCodeAt(0));
  const segment = parts.join('');
  if (segment.length <= MAX_SEGMENT) return segment;
  let cut = '';
  for (const p of parts) {
    if (cut.length + p.length > CUT_TO) break;
    cut += p;
  }
  return `${cut}~${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`;
}

function percent(byte: number): string {
  return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

export interface ChangeSetOutboxKey {
  readonly vendor: string;
  readonly install: string;
  readonly release: string;
  /** `sha256:<64 hex>`: its hex is the last folder. */
  readonly digest: string;
}

const DIGEST = /^sha256:([0-9a-f]{64})$/;

/** The folder of one change set's signed files: `<outboxDir>/<vendor>/<install>/<release>/<digest-hex>`. */
export function changeSetOutboxDir(outboxDir: string, cs: ChangeSetOutboxKey): string {
  const hex = DIGEST.exec(cs.digest)?.[1];
  if (hex === undefined) throw new InputError(cs.digest, 'not a change-set digest (sha256:<64 lower-case hex>)');
  return join(outboxDir, outboxSegment(cs.vendor), outboxSegment(cs.install), outboxSegment(cs.release), hex);
}

/** How many folders a change set's folder sits below the outbox (vendor, install, release, digest). */
export const CHANGE_SET_FOLDER_DEPTH = 4;

/**
 * `per-change-set`: the app's outbox, one folder per change set (above). `flat`: a folder the
 * user named (the CLI's `--out DIR`), where the files go straight in, as `countersign verify
 * --attestations DIR` reads them.
 */
export type OutboxLayout = 'per-change-set' | 'flat';

/**
 * The folder a signed file about `changeSetDigest` goes to. A contract-wide exception (null)
 * belongs to no one change set: it stays at the outbox's top, next to contract publications.
 */
export function outboxFolderFor(ws: Workspace, outboxDir: string, changeSetDigest: string | null, layout: OutboxLayout = 'per-change-set'): string {
  if (layout === 'flat' || changeSetDigest === null) return outboxDir;
  const cs = ws.changeSets.getChangeSet(changeSetDigest);
  if (!cs) throw new NotFoundError(changeSetDigest, 'no change set with this digest in the workspace');
  return changeSetOutboxDir(outboxDir, { vendor: cs.metadata.vendor, install: cs.metadata.install, release: cs.metadata.release, digest: cs.digest });
}

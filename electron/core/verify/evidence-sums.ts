import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The evidence bundle's checksum file (core/app/audit-report/evidence-bundle.ts writes it). */
export const EVIDENCE_SUMS_FILE = 'SHA256SUMS';
const LINE = /^([0-9a-f]{64}) {2}([A-Za-z0-9._%~/-]{1,400})$/;
const MAX_FILES = 100_000;

export interface EvidenceSumsCheck {
  readonly ok: boolean;
  /** One line per file that is changed, missing, unlisted or not a plain file. */
  readonly problems: readonly string[];
  readonly files: number;
}

/**
 * An evidence bundle checked against its SHA256SUMS: every listed file is there with that
 * digest, and every file in the folder is listed (an added attestation is as much a change as
 * an edited one). It proves the bundle is as written, not who wrote it: the signatures in it
 * are what `verify` then checks against the keys the auditor trusts.
 */
export function checkEvidenceSums(dir: string): EvidenceSumsCheck {
  let sums: string;
  try {
    sums = readFileSync(join(dir, EVIDENCE_SUMS_FILE), 'utf8');
  } catch (err) {
    return { ok: false, problems: [`${EVIDENCE_SUMS_FILE}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)}): not an evidence bundle`], files: 0 };
  }
  const problems: string[] = [];
  const listed = new Map<string, string>();
  sums.split('\n').forEach((line, i) => {
    if (line === '') return;
    const m = LINE.exec(line);
    const path = m?.[2];
    if (!m || path === undefined || path.split('/').some((s) => s === '' || s === '.' || s === '..') || listed.has(path)) {
      problems.push(`${EVIDENCE_SUMS_FILE}:${i + 1}: not a '<sha256>  <relative path>' line, or a path listed twice`);
      return;
    }
    listed.set(path, m[1]!);
  });
  const present = filesUnder(dir, '', problems);
  for (const path of present) {
    if (path === EVIDENCE_SUMS_FILE) continue;
    const want = listed.get(path);
    if (want === undefined) {
      problems.push(`${path}: not listed in ${EVIDENCE_SUMS_FILE} (added to the bundle)`);
      continue;
    }
    const got = createHash('sha256').update(readFileSync(join(dir, ...path.split('/')))).digest('hex');
    if (got !== want) problems.push(`${path}: changed (its SHA-256 is not the one ${EVIDENCE_SUMS_FILE} lists)`);
  }
  for (const path of listed.keys()) if (!present.includes(path)) problems.push(`${path}: missing from the bundle`);
  return { ok: problems.length === 0, problems, files: listed.size };
}

/** Bundle-relative paths of the plain files under `dir`; links and devices are problems, never followed. */
function filesUnder(dir: string, prefix: string, problems: string[], out: string[] = []): string[] {
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    const st = lstatSync(join(dir, rel));
    if (st.isDirectory()) filesUnder(dir, rel, problems, out);
    else if (st.isFile()) out.push(rel);
    else problems.push(`${rel}: not a plain file (a link or device is never read)`);
    if (out.length > MAX_FILES) throw new Error(`more than ${MAX_FILES} files`);
  }
  return out;
}

// Text taken from js-yaml events for construct-documents.ts: offsets, tag names, quoted vendor text.
import { SCALAR_STYLE } from 'js-yaml';
import type { ScalarEvent } from 'js-yaml';
import { YAML_TAG_PREFIX } from './go-yaml-resolve';

/** A structural error no reader agrees on (duplicate key, recursive alias…): the file is refused. */
export class ConstructError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/** Vendor text in a message: JSON-quoted (control characters escaped) and clipped. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

/** Where a scalar is reported: its tag, else its value (a quoted scalar at its quote). */
export function scalarOffset(event: ScalarEvent): number {
  if (event.tagStart >= 0) return event.tagStart;
  if (event.valueStart < 0) return event.anchorStart >= 0 ? event.anchorStart - 1 : -1;
  const quoted = event.style === SCALAR_STYLE.DOUBLE_QUOTED || event.style === SCALAR_STYLE.SINGLE_QUOTED;
  return quoted ? event.valueStart - 1 : event.valueStart;
}

/**
 * The full name of a tag as written (`!!int`, `!<tag:yaml.org,2002:int>`, `!local`, `!`), with
 * %TAG handles. Percent escapes are left as written: such a tag is then not a standard one and
 * reads as uncertain.
 */
export function tagName(raw: string, handles: Readonly<Record<string, string>> | undefined, offset: number): string {
  if (raw === '!') return '!';
  if (raw.startsWith('!<') && raw.endsWith('>')) return raw.slice(2, -1);
  const end = raw.indexOf('!', 1);
  const handle = end === -1 ? '!' : raw.slice(0, end + 1);
  const prefix = handles?.[handle] ?? (handle === '!!' ? YAML_TAG_PREFIX : handle === '!' ? '!' : undefined);
  if (prefix === undefined) throw new ConstructError(offset, `the tag handle ${quote(handle)} is not declared by a %TAG directive`);
  return prefix + raw.slice(handle.length);
}


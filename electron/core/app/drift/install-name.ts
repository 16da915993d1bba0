import { InputError } from '../../model/errors';

/** Controls, line and paragraph separators, bidi overrides and isolates: never in an install name. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;

/**
 * An install name as typed, dropped (`drift/<install>/file`) or given to the CLI: trimmed,
 * 1–256 characters, no control or direction-changing character. It reaches paths only through
 * outboxSegment and the screen only as text, but a name that could display as another is refused.
 */
export function checkedInstallName(name: string, source = 'install'): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new InputError(source, 'an install name is required (the install the snapshot was taken from)');
  if (trimmed.length > 256) throw new InputError(source, 'the install name is longer than 256 characters');
  if (UNSAFE.test(trimmed)) throw new InputError(source, 'the install name holds a control or direction-changing character');
  return trimmed;
}

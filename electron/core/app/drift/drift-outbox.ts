import { join } from 'node:path';
import { outboxSegment } from '../outbox-layout';
import type { OutboxLayout } from '../outbox-layout';

/**
 * Drift acknowledgements go to `<outbox>/_drift/<install>/`: `_drift` is a name no vendor's
 * folder can have (outboxSegment escapes a leading `_`), and the install is one safe segment.
 * `flat` (a folder the user named): straight into it, as `countersign verify --drift DIR` reads it.
 */
export const DRIFT_OUTBOX_FOLDER = '_drift';

export function driftOutboxDir(outboxDir: string, install: string, layout: OutboxLayout = 'per-change-set'): string {
  return layout === 'flat' ? outboxDir : join(outboxDir, DRIFT_OUTBOX_FOLDER, outboxSegment(install));
}

import { randomBytes } from 'node:crypto';
import type { FleetMatrix } from '../../core/app/fleet-preview/preview-fleet';

/** Previews kept for export per app context; the oldest is forgotten first. Memory only, never the workspace. */
export const MAX_KEPT_PREVIEWS = 8;

export interface KeptPreview {
  readonly matrix: FleetMatrix;
  readonly releaseName: string;
}

/**
 * The last few Fleet previews, in memory, so one can be exported (HTML or JSON) without the
 * renderer sending a matrix back: what is exported is exactly what the host computed.
 */
export class KeptPreviews {
  private readonly kept = new Map<string, KeptPreview>();

  keep(preview: KeptPreview): string {
    const id = randomBytes(16).toString('base64url');
    this.kept.set(id, preview);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= MAX_KEPT_PREVIEWS) break;
      this.kept.delete(oldest);
    }
    return id;
  }

  get(id: string): KeptPreview | null {
    return this.kept.get(id) ?? null;
  }
}

const byOwner = new WeakMap<object, KeptPreviews>();

/** The kept previews of an app context. */
export function keptPreviewsFor(owner: object): KeptPreviews {
  let kept = byOwner.get(owner);
  if (!kept) byOwner.set(owner, (kept = new KeptPreviews()));
  return kept;
}

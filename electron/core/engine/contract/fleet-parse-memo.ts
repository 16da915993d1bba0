import { withPackResolutionMemo } from './pack-version';
import { withYamlSegmentMemo } from './yaml-segments';

/**
 * Runs `fn`, which reads a fleet's contracts (near-copies of a few configurations), with what
 * they share read once: each pack version resolved, read and digested once, each pack folder
 * looked up once (pack-version.ts), and each distinct top-level YAML entry parsed once
 * (yaml-segments.ts). Nothing is kept after `fn`: a long-running process sees files edited
 * between calls. The one place a reader of many contracts turns these on (issue 13); a memo
 * added later for the same purpose belongs here.
 */
export function withFleetParseMemo<T>(fn: () => T): T {
  return withPackResolutionMemo(() => withYamlSegmentMemo(fn));
}

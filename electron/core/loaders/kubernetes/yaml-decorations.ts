import { EVENT_ID, SCALAR_STYLE } from 'js-yaml';
import type { Event } from 'js-yaml';

/** A YAML feature that `kubectl get -o yaml|json` never writes (see firstDecoration). */
export interface YamlDecoration {
  /** Source offset of the feature. */
  readonly offset: number;
  readonly what: string;
}

/**
 * The first anchor, alias, tag or plain `<<` merge key of a stream, or undefined when it has
 * none. kubectl writes its output through sigs.k8s.io/yaml (JSON turned into plain YAML): it
 * never emits these, and quotes a `<<` string. Readers of such output (live snapshots) refuse a
 * file that has one: it was written or edited by other means, and what a reviewer sees in it
 * (`*ref`, `<<: *base`) is not what the values are. Manifests may use them (the loader reads
 * them as kubectl does), so the check is the caller's choice.
 */
export function firstDecoration(source: string, events: readonly Event[]): YamlDecoration | undefined {
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.ALIAS:
        return { offset: event.anchorStart - 1, what: 'a YAML alias (*name)' };
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING:
      case EVENT_ID.SCALAR: {
        if (event.anchorStart >= 0) return { offset: event.anchorStart - 1, what: 'a YAML anchor (&name)' };
        if (event.tagStart >= 0) return { offset: event.tagStart, what: 'a YAML tag (!…)' };
        if (event.type === EVENT_ID.SCALAR && event.style === SCALAR_STYLE.PLAIN && source.slice(event.valueStart, event.valueEnd) === '<<') {
          return { offset: event.valueStart, what: 'a YAML merge key (<<)' };
        }
        break;
      }
    }
  }
  return undefined;
}

import { COLLECTION_STYLE, EVENT_ID, SCALAR_STYLE, getScalarValue } from 'js-yaml';
import type { DocumentEvent, Event, ScalarEvent } from 'js-yaml';
import { ConstructError, quote, scalarOffset, tagName } from './event-text';
import { GO_BOOL, GO_FLOAT, GO_INT, GO_NULL, GO_STRING, GO_UINT, ScalarResolver, YAML_TAG_PREFIX } from './go-yaml-resolve';
import type { GoKind } from './go-yaml-resolve';

/** Something the cluster would read differently (or refuse): becomes a blocking finding. */
export interface ReadingProblem {
  /** Source offset the problem is reported at. */
  readonly offset: number;
  readonly message: string;
}

export { ConstructError } from './event-text';

export interface ConstructOptions {
  readonly maxAliasesPerDocument: number;
  /** Keys copied by `<<` merges over the whole file (bounds merge bombs). */
  readonly maxMergedKeys: number;
}

type Json = Record<string, unknown>;

interface Anchor {
  readonly value: unknown;
  /** Go type of a scalar anchor (a key written as an alias keeps it); -1 for a collection. */
  readonly kind: GoKind | -1;
  readonly exact: string;
  complete: boolean;
}

const DOC = 0;
const SEQ = 1;
const MAP = 2;

interface DocFrame { readonly type: typeof DOC; value: unknown }
interface SeqFrame { readonly type: typeof SEQ; readonly value: unknown[]; readonly anchor: Anchor | undefined; readonly flow: boolean }
interface MapFrame {
  readonly type: typeof MAP;
  readonly value: Json;
  readonly anchor: Anchor | undefined;
  /** Written in flow style ({...}): go-yaml v2 scans plain scalars differently there. */
  readonly flow: boolean;
  hasKey: boolean;
  key: string;
  keyKind: GoKind;
  keyOffset: number;
  keyIsMerge: boolean;
  /** A `<<` key was seen in this mapping (a second one is a duplicate key to the YAML spec). */
  hadMerge: boolean;
  /** Keys that came from a `<<` merge and were not written explicitly since. */
  merged: Set<string> | null;
}
type Frame = DocFrame | SeqFrame | MapFrame;

const MERGE_TAG = `${YAML_TAG_PREFIX}merge`;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Builds each document's JSON value from js-yaml's event stream the way kubectl gets it
 * (go-yaml v2 decoding into interface{}, then sigs.k8s.io/yaml's conversion to JSON):
 * YAML 1.1 scalar resolution (go-yaml-resolve.ts), map keys turned into their JSON strings,
 * `<<` merges applied in order as go-yaml v2 does. Disagreements are collected, not thrown.
 */
export function constructDocuments(source: string, events: readonly Event[], options: ConstructOptions): { values: unknown[]; problems: ReadingProblem[] } {
  const values: unknown[] = [];
  /** How many flow collections ({...}, [...]) enclose the current event. */
  let flowDepth = 0;
  const problems: ReadingProblem[] = [];
  const resolver = new ScalarResolver();
  /** Go types of keys that were not strings, per mapping that has any (for collision checks). */
  const keyKinds = new WeakMap<Json, Map<string, GoKind>>();
  const frames: Frame[] = [];
  let anchors = new Map<string, Anchor>();
  let tagHandles: Record<string, string> | undefined;
  let aliases = 0;
  let mergedKeys = 0;
  let previousDocument: DocumentEvent | undefined;
  let documentEvent: DocumentEvent | undefined;
  let documentChecked = false;

  const problem = (offset: number, message: string) => problems.push({ offset, message });

  const kindOf = (map: Json, key: string): GoKind => keyKinds.get(map)?.get(key) ?? GO_STRING;
  const setKind = (map: Json, key: string, kind: GoKind) => {
    let kinds = keyKinds.get(map);
    if (kind === GO_STRING && !kinds) return;
    if (!kinds) keyKinds.set(map, kinds = new Map());
    kinds.set(key, kind);
  };

  const put = (map: Json, key: string, value: unknown) => {
    // defineProperty keeps a literal "__proto__" key as data instead of changing the prototype.
    if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
    else map[key] = value;
  };

  const mergeInto = (frame: MapFrame, from: unknown, offset: number) => {
    if (!isObject(from)) throw new ConstructError(offset, 'a << merge needs a mapping or a list of mappings (kubectl refuses anything else)');
    const target = frame.value;
    for (const key of Object.keys(from)) {
      if (++mergedKeys > options.maxMergedKeys) throw new ConstructError(offset, `<< merges copy more than ${options.maxMergedKeys} keys; refusing to read further`);
      const kind = kindOf(from, key);
      if (Object.hasOwn(target, key)) {
        if (kindOf(target, key) !== kind) {
          problem(offset, `the merged key ${quote(key)} collides with another key of a different type once both are JSON strings: which value kubectl keeps is random`);
        } else if (!frame.merged?.has(key)) {
          problem(offset, `this << merge overrides the key ${quote(key)} written before it: kubectl (go-yaml v2) takes the merged value, YAML readers that follow the spec keep the written one`);
        }
      }
      put(target, key, from[key]);
      setKind(target, key, kind);
      (frame.merged ??= new Set()).add(key);
    }
  };

  const applyMerge = (frame: MapFrame, value: unknown) => {
    const offset = frame.keyOffset;
    if (Array.isArray(value)) {
      // go-yaml v2 decoder.merge: "Step backwards as earlier nodes take precedence."
      for (let i = value.length - 1; i >= 0; i--) mergeInto(frame, value[i], offset);
    } else {
      mergeInto(frame, value, offset);
    }
  };

  /** Adds a finished value (scalar, alias, or closed collection) to the open frame. */
  const addValue = (value: unknown, offset: number) => {
    const frame = frames[frames.length - 1]!;
    if (frame.type === DOC) {
      frame.value = value;
    } else if (frame.type === SEQ) {
      frame.value.push(value);
    } else if (frame.hasKey) {
      frame.hasKey = false;
      if (frame.keyIsMerge) {
        frame.keyIsMerge = false;
        applyMerge(frame, value);
        return;
      }
      const { key, keyKind, value: map } = frame;
      if (Object.hasOwn(map, key)) {
        if (kindOf(map, key) !== keyKind) {
          problem(frame.keyOffset, `the key ${quote(key)} collides with another key of a different type once both are JSON strings: which value kubectl keeps is random`);
        } else if (!frame.merged?.has(key)) {
          throw new ConstructError(frame.keyOffset, `duplicated mapping key ${quote(key)} (as kubectl reads the keys)`);
        }
      }
      frame.merged?.delete(key);
      put(map, key, value);
      setKind(map, key, keyKind);
    } else {
      throw new ConstructError(offset, 'a mapping or list used as a mapping key: kubectl refuses it');
    }
  };

  /** The JSON key for a resolved scalar, as convertToJSONableObject spells it. */
  const keyOf = (frame: MapFrame, value: unknown, kind: GoKind, exact: string, offset: number) => {
    frame.hasKey = true;
    frame.keyOffset = offset;
    frame.keyKind = kind;
    switch (kind) {
      case GO_STRING:
        frame.key = value as string;
        return;
      case GO_INT:
        frame.key = exact;
        return;
      case GO_BOOL:
        frame.key = value ? 'true' : 'false';
        return;
      case GO_UINT:
        frame.key = exact;
        problem(offset, `the key ${exact} is an unsigned 64-bit integer, which kubectl cannot turn into a JSON key: it refuses the document`);
        return;
      case GO_FLOAT:
        frame.key = String(value);
        problem(offset, `the key ${String(value)} resolves to a float: versions of kubectl spell it differently as a JSON key (quote it)`);
        return;
      case GO_NULL:
        frame.key = 'null';
        problem(offset, 'a null key cannot be a JSON key: kubectl refuses the document');
    }
  };

  const scalar = (event: ScalarEvent) => {
    const offset = scalarOffset(event);
    const text = getScalarValue(source, event);
    // Inside {...} or [...] go-yaml v2 (libyaml) reads every `?` as "a key follows" and ends a
    // plain scalar at it; YAML 1.2 readers (js-yaml) keep it as text. `{?privileged: true}` is
    // privileged to kubectl and an odd key to us: refuse the file, kubectl's reading is not ours.
    if (flowDepth > 0 && event.style === SCALAR_STYLE.PLAIN && event.tagStart < 0 && text.includes('?')) {
      throw new ConstructError(offset, 'an unquoted "?" inside {...} or [...]: kubectl (go-yaml v2) reads it as a key marker and splits the value there, other YAML readers keep it as text; quote the value');
    }
    if (!event.fast && event.style === SCALAR_STYLE.DOUBLE_QUOTED && LONE_SURROGATE.test(text)) {
      problem(offset, 'a \\u escape names half of a surrogate pair: go-yaml v2 refuses it, Go\'s JSON reader replaces it with U+FFFD');
    }
    const frame = frames[frames.length - 1]!;
    const asKey = frame.type === MAP && !frame.hasKey;
    let value: unknown;
    let kind: GoKind;
    let exact = '';
    if (event.tagStart >= 0) {
      const tag = tagName(source.slice(event.tagStart, event.tagEnd), tagHandles, event.tagStart);
      if (asKey && tag === MERGE_TAG && text === '<<') {
        startMerge(frame, offset);
        return;
      }
      if (tag === '!') {
        value = text;
        kind = GO_STRING;
      } else {
        value = resolver.resolveTagged(tag, text);
        kind = resolver.kind;
        exact = resolver.exact;
        if (resolver.problem) problem(offset, resolver.problem);
      }
    } else if (event.style === SCALAR_STYLE.PLAIN) {
      if (asKey && text === '<<') {
        startMerge(frame, offset);
        return;
      }
      value = resolver.resolvePlain(text);
      kind = resolver.kind;
      exact = resolver.exact;
      if (resolver.problem) problem(offset, resolver.problem);
    } else {
      value = text;
      kind = GO_STRING;
    }
    if (event.anchorStart >= 0) {
      anchors.set(source.slice(event.anchorStart, event.anchorEnd), { value, kind, exact, complete: true });
    }
    if (asKey) keyOf(frame, value, kind, exact, offset);
    else addValue(value, offset);
  };

  const startMerge = (frame: MapFrame, offset: number) => {
    if (frame.hadMerge) problem(offset, 'a second << key in one mapping: go-yaml v2 applies both in order, the YAML spec calls it a duplicate key');
    frame.hadMerge = true;
    frame.hasKey = true;
    frame.keyIsMerge = true;
    frame.keyOffset = offset;
  };

  const checkDocumentStart = (offset: number) => {
    documentChecked = true;
    const doc = documentEvent!;
    if (previousDocument?.explicitEnd && !doc.explicitStart) {
      problem(offset, 'this document follows "..." without a "---" line: kubectl reads only the first document between two "---" lines and never applies this one');
    }
    for (const d of doc.directives) {
      // go-yaml v2 (libyaml) refuses any %YAML version but 1.1; %TAG handles change what a tag means.
      if (d.kind === 'yaml' && d.version !== '1.1') problem(offset, `%YAML ${quote(d.version)}: kubectl (go-yaml v2) reads only YAML 1.1 documents and refuses this one`);
      if (d.kind === 'tag') problem(offset, `%TAG ${quote(d.handle)} ${quote(d.prefix)}: tag directives are not resolved with certainty here`);
    }
  };

  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT: {
        previousDocument = documentEvent;
        documentEvent = event;
        documentChecked = false;
        anchors = new Map();
        aliases = 0;
        tagHandles = undefined;
        for (const d of event.directives) {
          if (d.kind === 'tag') (tagHandles ??= {})[d.handle] = d.prefix;
        }
        frames.push({ type: DOC, value: null });
        break;
      }
      case EVENT_ID.SCALAR:
        if (!documentChecked) checkDocumentStart(scalarOffset(event));
        scalar(event);
        break;
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING: {
        const offset = event.tagStart >= 0 ? event.tagStart : event.start;
        if (!documentChecked) checkDocumentStart(offset);
        const parent = frames[frames.length - 1]!;
        if (parent.type === MAP && !parent.hasKey) throw new ConstructError(offset, 'a mapping or list used as a mapping key: kubectl refuses it');
        if (event.tagStart >= 0) {
          const tag = tagName(source.slice(event.tagStart, event.tagEnd), tagHandles, event.tagStart);
          const expected = event.type === EVENT_ID.MAPPING ? `${YAML_TAG_PREFIX}map` : `${YAML_TAG_PREFIX}seq`;
          if (tag !== '!' && tag !== expected) {
            problem(event.tagStart, `the tag ${quote(tag)} on a ${event.type === EVENT_ID.MAPPING ? 'mapping' : 'list'} is ignored by kubectl (go-yaml v2), not by other YAML readers`);
          }
        }
        const value = event.type === EVENT_ID.MAPPING ? {} : [];
        let anchor: Anchor | undefined;
        if (event.anchorStart >= 0) {
          anchor = { value, kind: -1, exact: '', complete: false };
          anchors.set(source.slice(event.anchorStart, event.anchorEnd), anchor);
        }
        const flow = event.style === COLLECTION_STYLE.FLOW;
        if (flow) flowDepth++;
        frames.push(Array.isArray(value)
          ? { type: SEQ, value, anchor, flow }
          : { type: MAP, value, anchor, flow, hasKey: false, key: '', keyKind: GO_STRING, keyOffset: offset, keyIsMerge: false, hadMerge: false, merged: null });
        break;
      }
      case EVENT_ID.ALIAS: {
        const offset = event.anchorStart - 1;
        if (!documentChecked) checkDocumentStart(offset);
        if (++aliases > options.maxAliasesPerDocument) throw new ConstructError(offset, `more than ${options.maxAliasesPerDocument} aliases in one document`);
        const name = source.slice(event.anchorStart, event.anchorEnd);
        const anchor = anchors.get(name);
        if (!anchor) throw new ConstructError(offset, `unknown alias *${quote(name)}`);
        if (!anchor.complete) throw new ConstructError(offset, 'a YAML alias refers to the node that contains it (a recursive structure)');
        const frame = frames[frames.length - 1]!;
        if (frame.type === MAP && !frame.hasKey) {
          if (anchor.kind === -1) throw new ConstructError(offset, 'a mapping or list used as a mapping key: kubectl refuses it');
          // go-yaml v2 isMerge() looks at the node itself: an alias to "<<" is an ordinary key.
          keyOf(frame, anchor.value, anchor.kind, anchor.exact, offset);
        } else {
          addValue(anchor.value, offset);
        }
        break;
      }
      case EVENT_ID.POP: {
        const frame = frames.pop()!;
        if (frame.type === DOC) {
          values.push(frame.value);
          break;
        }
        if (frame.type === MAP && frame.hasKey) {
          // A key with no value event cannot happen with js-yaml's parser; refuse rather than guess.
          throw new ConstructError(frame.keyOffset, 'incomplete mapping pair');
        }
        if (frame.flow) flowDepth--;
        if (frame.anchor) frame.anchor.complete = true;
        addValue(frame.value, -1);
        break;
      }
    }
  }
  return { values, problems };
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

import { isMap, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document, Node } from 'yaml';
import { InputError } from '../../../model/errors';

/** One YAML document of a VAP file, with a way to name the line of any of its paths. */
export interface VapDocument {
  readonly index: number;
  readonly data: unknown;
  /** An InputError at the line of `path` (its nearest existing parent when it is absent). */
  readonly errorAt: (path: readonly (string | number)[], reason: string) => InputError;
}

const MAX_DOCUMENTS = 200;
const MAX_ALIAS_COUNT = 50;

/** Reads every document of a (possibly multi-document) YAML file; a syntax error or duplicate key is refused with its line. */
export function readVapDocuments(file: string, text: string): readonly VapDocument[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) throw new InputError(file, 'not a YAML stream');
  if (list.length > MAX_DOCUMENTS) throw new InputError(file, `holds ${list.length} YAML documents; at most ${MAX_DOCUMENTS} are read`);
  return list.map((doc, index) => {
    const problem = doc.errors[0];
    if (problem) {
      const pos = lines.linePos(problem.pos[0]);
      throw new InputError(file, `invalid YAML: ${problem.message.split('\n')[0]}`, pos.line, pos.col);
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      throw new InputError(file, `invalid YAML: ${err instanceof Error ? err.message : String(err)}`);
    }
    const errorAt = (path: readonly (string | number)[], reason: string): InputError => {
      const node = nearestNode(doc, path);
      const offset = node?.range?.[0];
      if (offset === undefined) return new InputError(file, reason);
      const pos = lines.linePos(offset);
      return new InputError(file, reason, pos.line, pos.col);
    };
    return { index, data, errorAt };
  });
}

function nearestNode(doc: Document, path: readonly (string | number)[]): Node | null {
  let cur = doc.contents as Node | null;
  for (const key of path) {
    let next: unknown;
    if (isMap(cur)) next = cur.get(key, true);
    else if (isSeq(cur) && typeof key === 'number') next = cur.items[key];
    if (!next || typeof next !== 'object') return cur;
    cur = next as Node;
  }
  return cur;
}

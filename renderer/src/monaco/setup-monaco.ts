/**
 * Monaco from the LOCAL monaco-editor package, never a CDN: the app runs offline under a
 * strict CSP, and @monaco-editor/react would otherwise fetch Monaco from jsDelivr.
 *
 * The whole editor API is imported: a hand-picked subset of contributions fails at runtime
 * ("depends on UNKNOWN service ..."), and languages load lazily anyway. This module is itself
 * loaded on first use (lazy-editors.tsx), so its size does not delay the inbox or the list.
 * Workers are bundled by Vite (`?worker`), so they load from the app's own origin too; only
 * the JSON worker is wired, the app never opens TypeScript/CSS/HTML models.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

let configured = false;

/** Idempotent: call before the first Monaco component renders. */
export function setupMonaco(): void {
  if (configured) return;
  configured = true;
  self.MonacoEnvironment = {
    getWorker: (_id: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
  };
  // The text is generated and read-only: schema requests (network!) and validation add nothing.
  monaco.json.jsonDefaults.setDiagnosticsOptions({ validate: false, enableSchemaRequest: false });
  loader.config({ monaco });
}

export { monaco };

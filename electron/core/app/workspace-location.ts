import { initWorkspace, openWorkspace, resolveWorkspacePath, WORKSPACE_ENV, workspaceExists } from '../store';
import type { Workspace } from '../store';
import { InputError, UsageError } from '../model/errors';

export interface WorkspaceInfo {
  readonly path: string;
  /** True when this call created the file. */
  readonly created: boolean;
  readonly schemaVersion: number;
}

/**
 * The workspace a headless caller means: `--workspace PATH`, else $COUNTERSIGN_WORKSPACE.
 * Unlike the desktop app there is no user-data default: a CLI run that silently wrote to a
 * hidden per-user file would surprise a CI job.
 */
export function workspacePathFrom(explicit: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env[WORKSPACE_ENV];
  if ((explicit === undefined || explicit === '') && (fromEnv === undefined || fromEnv === '')) {
    throw new UsageError(`no workspace: pass --workspace PATH or set ${WORKSPACE_ENV}`);
  }
  // defaultDir is never used: one of the two above is set.
  return resolveWorkspacePath({ explicit, env, defaultDir: '.' }).path;
}

/** Creates the workspace file (and its folder); an existing workspace is left as it is. */
export function initWorkspaceAt(path: string): WorkspaceInfo {
  const ws = initWorkspace(path);
  try {
    return { path: ws.path, created: ws.isNew, schemaVersion: ws.schemaVersion };
  } finally {
    ws.close();
  }
}

/** Opens an existing workspace; a missing one is an error that says how to create it. */
export function openWorkspaceAt(path: string, options: { readonly readonly?: boolean; readonly now?: () => Date } = {}): Workspace {
  if (!workspaceExists(path)) throw new InputError(path, "no workspace here (create one with 'countersign workspace init')");
  return openWorkspace(path, { readonly: options.readonly === true, ...(options.now ? { now: options.now } : {}) });
}

/** Runs `fn` on an open workspace and always closes it. */
export async function withWorkspace<T>(path: string, fn: (ws: Workspace) => T | Promise<T>, options: { readonly readonly?: boolean } = {}): Promise<T> {
  const ws = openWorkspaceAt(path, options);
  try {
    return await fn(ws);
  } finally {
    ws.close();
  }
}

import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The workspace file's name inside a folder (the user-data folder, or a folder given as the path). */
export const WORKSPACE_FILE_NAME = 'countersign.db';
export const WORKSPACE_ENV = 'COUNTERSIGN_WORKSPACE';

export interface WorkspaceLocation {
  readonly path: string;
  readonly from: 'option' | 'env' | 'default';
}

export interface ResolveWorkspaceInput {
  /** `--workspace PATH` (or the app's own choice). */
  readonly explicit?: string;
  /** Defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The app's user-data folder; the core never asks Electron for it. */
  readonly defaultDir: string;
}

/**
 * explicit path > $COUNTERSIGN_WORKSPACE > <defaultDir>/countersign.db. A path naming an
 * existing folder means the workspace file inside it.
 */
export function resolveWorkspacePath(input: ResolveWorkspaceInput): WorkspaceLocation {
  const env = input.env ?? process.env;
  const fromEnv = env[WORKSPACE_ENV];
  if (input.explicit !== undefined && input.explicit !== '') return { path: asFile(input.explicit), from: 'option' };
  if (fromEnv !== undefined && fromEnv !== '') return { path: asFile(fromEnv), from: 'env' };
  return { path: resolve(input.defaultDir, WORKSPACE_FILE_NAME), from: 'default' };
}

function asFile(path: string): string {
  const full = resolve(path);
  try {
    if (statSync(full).isDirectory()) return join(full, WORKSPACE_FILE_NAME);
  } catch {
    // Not there yet: it names the file to create.
  }
  return full;
}

import type { ChangeSetMetadata } from '../../model/changeset';
import type { SignatureFile } from './signatures';

/** The file name of a bundle's manifest, at the bundle root. */
export const MANIFEST_NAME = 'changeset.yaml';

/** One file of a change set, as read from a folder, an archive or the command line. */
export interface SourceFile {
  /** Bundle-relative POSIX path, or the bare file's base name. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export type ManifestArtifactKind = 'terraform-plan' | 'kubernetes';

/** One `artifacts:` entry of changeset.yaml, with the line it is written on (for error messages). */
export interface ManifestArtifact {
  readonly kind: ManifestArtifactKind;
  /** Normalized bundle-relative POSIX path. */
  readonly path: string;
  /** Kubernetes only: the manifests currently applied, to diff against. */
  readonly previous?: string;
  readonly component: string;
  /** 1-based line of the entry in changeset.yaml. */
  readonly line: number;
  readonly pathLine: number;
  readonly previousLine?: number;
}

/** A parsed changeset.yaml. Plain data (JSON-serializable), so it can be stored with the files. */
export interface ChangeSetManifest {
  readonly metadata: ChangeSetMetadata;
  readonly artifacts: readonly ManifestArtifact[];
}

/**
 * What a change set was read from: its manifest (null for bare files) and the files that
 * make it up (the manifest and the listed artifacts only). Everything buildChangeSet needs.
 */
export interface ChangeSetSource {
  /** The folder, archive, or first bare file the user named. */
  readonly origin: string;
  readonly manifest: ChangeSetManifest | null;
  readonly files: readonly SourceFile[];
  /**
   * The bundle's signatures/ folder (vendor release signatures, outside the digest), read as
   * hostile input: each file's bytes or why it could not be read. Absent for bare files and for
   * a change set rebuilt from the store (the store keeps signatures apart).
   */
  readonly signatures?: readonly SignatureFile[];
}

/**
 * The one normalized unit every policy sees, whatever the input format.
 * Loaders (terraform, kubernetes, images) produce these; the engine only reads them.
 */

export type ResourceSource = 'terraform' | 'kubernetes' | 'image';

/** Normalized action. Terraform's ["delete","create"] and ["create","delete"] become `replace`. */
export type ResourceAction = 'create' | 'update' | 'delete' | 'replace' | 'read' | 'no-op';

export const RESOURCE_ACTIONS: readonly ResourceAction[] = ['create', 'update', 'delete', 'replace', 'read', 'no-op'];

/** The category a change outside the pipeline (Terraform `resource_drift`) is counted and listed under, whatever its action. */
export const DRIFT_CATEGORY = 'drift';

/** A resource's category in summaries and lists: its action, or `drift` for a drift entry (never folded into its action). */
export function resourceCategory(r: Pick<ResourceChange, 'action' | 'drift'>): string {
  return r.drift ? DRIFT_CATEGORY : r.action;
}

/** Where something came from. Lines and columns are 1-based. */
export interface SourceLocation {
  /** Path of the file as the user named it (bundle-relative inside a bundle). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Helm `# Source:` template path, when the document had one. */
  readonly origin?: string;
}

/** A path into `before`/`after`, e.g. ["spec","template","spec","containers",0,"image"]. */
export type FieldPath = readonly (string | number)[];

/** Parsed container image reference. */
export interface ImageReference {
  /** The reference as written in the manifest or plan. */
  readonly reference: string;
  /** Registry host (with port), `docker.io` when none is written. */
  readonly registry: string;
  /** Repository path; Docker Hub official images get the `library/` prefix. */
  readonly repository: string;
  /** Tag or '' when none. A registry port is never a tag. */
  readonly tag: string;
  /** `sha256:...` or '' when not pinned. */
  readonly digest: string;
}

/**
 * A place where the tool that applies the input (kubectl, Helm) would read it differently from
 * what policies were shown, or refuse it. The engine reports each as a blocking `error` finding
 * of the built-in `input-integrity` check (docs/yaml-resolution.md).
 */
export interface InputProblem {
  readonly location: SourceLocation;
  readonly message: string;
}

export interface ResourceChange {
  readonly source: ResourceSource;
  /**
   * Terraform: its own address (module.a["k"].aws_x.y[0]).
   * Kubernetes: `Kind/namespace/name` (`Kind/name` when cluster-scoped).
   * Image: the reference as written.
   */
  readonly address: string;
  /** Terraform resource type (aws_db_instance), Kubernetes kind (Deployment), or `image`. */
  readonly type: string;
  readonly name: string;
  /** Kubernetes namespace ('' for cluster-scoped objects, objects that name none, and non-Kubernetes). */
  readonly namespace: string;
  /** Kubernetes: the kind is cluster-scoped (Namespace, ClusterRole, CRD, …). False for other sources. */
  readonly clusterScoped: boolean;
  /** Kubernetes apiVersion; Terraform provider name; '' for images. */
  readonly apiVersion: string;
  /** The single normalized action. */
  readonly action: ResourceAction;
  /** The raw actions as the source stated them (Terraform), or [action]. */
  readonly actions: readonly string[];
  /** Terraform `managed` or `data`; Kubernetes/image: `managed`. */
  readonly mode: 'managed' | 'data';
  /** Value before the change (null on create). Sensitive values are already masked. */
  readonly before: unknown;
  /** Value after the change (null on delete). Sensitive values are already masked. */
  readonly after: unknown;
  /** Dotted paths (a.b[0].c) of values unknown until apply. */
  readonly unknownPaths: readonly string[];
  /** Dotted paths of values that were masked as sensitive. */
  readonly sensitivePaths: readonly string[];
  /** True for changes made outside the pipeline (Terraform resource_drift, live-state diff). */
  readonly drift: boolean;
  /** Where the resource is defined (file, line, column). */
  readonly location: SourceLocation;
  /** Bundle component (from changeset.yaml), '' when none. */
  readonly component: string;
  /** Terraform module address ('' for root); '' for other sources. */
  readonly module: string;
  /** Terraform action_reason, when given. */
  readonly actionReason: string;
  /** Only for source `image`: the parsed reference, plus the addresses of resources using it. */
  readonly image?: ImageReference;
  readonly usedBy?: readonly string[];
  /**
   * Terraform: the resources of the same plan whose configuration refers to this one, each with
   * its type and the argument holding the reference (loaders/terraform/resource-references.ts).
   * Absent when not computed (a resource built by hand, another source).
   */
  readonly referencedBy?: readonly ResourceReference[];
  /**
   * Terraform: referrers that may refer to this resource but could not be resolved to it or away
   * from it; policies read each as an entry of `resource.referencedBy` whose fields are unknown
   * (resource-view.ts). At most MAX_UNRESOLVED.
   */
  readonly referencesUnresolved?: readonly UnresolvedReference[];
  /** Terraform: the types of the managed resources the plan keeps or creates (sorted, each once). */
  readonly planTypes?: readonly string[];
  /** Input the applying tool would read differently (absent or empty when there is none). */
  readonly inputProblems?: readonly InputProblem[];
  /**
   * Locate a field of `after` (or `before` when deleted): exact line/column (Kubernetes and
   * Terraform; a Terraform path starting with "@entry" names a field of the plan entry itself,
   * e.g. `change.actions`); images: where the first user writes it. undefined or the nearest
   * existing ancestor when the field is absent. Non-enumerable so it never reaches JSON output.
   */
  readonly locate?: (path: FieldPath) => SourceLocation | undefined;
  /**
   * Kubernetes: the 1-based YAML document of `location.file` the object sits in. Non-enumerable
   * (like `locate`): it tells apart objects that repeat an address and is never digested.
   */
  readonly document?: number;
  /**
   * Terraform: the exact source text at a location inside this resource's entry (as `locate`
   * gives), quoted only where it shows nothing the masked model does not
   * (loaders/terraform/field-snippet.ts). Non-enumerable, like `locate`.
   */
  readonly snippetAt?: (location: SourceLocation) => FieldSnippet | undefined;
}

/** One resource referring to another (ResourceChange.referencedBy). */
export interface ResourceReference {
  readonly address: string;
  readonly type: string;
  /** The top-level argument of the referring resource that holds the reference. */
  readonly attribute: string;
}

/**
 * A reference that may point at a resource (ResourceChange.referencesUnresolved): its referrer
 * and argument ('' when any argument may), or, with an empty address, a reason that leaves
 * every reference of the plan unresolved (no usable configuration section).
 */
export interface UnresolvedReference {
  readonly address: string;
  readonly type: string;
  readonly attribute: string;
  /** Why it is not resolved, when it is not the usual (a dynamic index, a module output, a variable…). */
  readonly reason: string;
}

/** A span of a source file (1-based; end column exclusive, as SARIF counts) and its exact text. */
export interface TextRegion {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly text: string;
}

/** The text of a located field (its key, or a list item) and of the whole field around it. */
export interface FieldSnippet {
  readonly region: TextRegion;
  readonly context?: TextRegion;
}

/** The value written in place of a sensitive value: it is all that any output ever shows. */
export const SENSITIVE_MASK = '(sensitive value)';

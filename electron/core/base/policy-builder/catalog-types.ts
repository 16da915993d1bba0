/**
 * What the CEL editor completes and documents (plain data: the API returns it, the renderer
 * reads it; electron/shared re-exports these types). Built by app/contract-editor/cel-catalog.ts
 * from the engine's function docs and the masked resource shapes of stored change sets.
 */

/** One domain function (see engine/cel/function-docs.ts). */
export interface CelFunctionDoc {
  readonly name: string;
  /** Every overload as the editor shows it: `lookup(obj: dyn, path: string, default: dyn) → dyn`. */
  readonly signatures: readonly string[];
  /** One paragraph: what it means, and what it does on bad input. */
  readonly summary: string;
  readonly example: string;
  /** True for a method (`s.matches(re)`), false for a global function. */
  readonly receiverStyle: boolean;
}

export interface CelFieldDoc {
  readonly name: string;
  readonly type: string;
  readonly summary: string;
}

/** A CEL variable every policy sees (`resource`, `object`, …) and its documented fields. */
export interface CelVariableDoc {
  readonly name: string;
  readonly type: string;
  readonly summary: string;
  readonly fields: readonly CelFieldDoc[];
}

export type CelValueKind = 'string' | 'number' | 'boolean' | 'null' | 'list' | 'map';

/** A field path seen in stored resources of one type, as a builder row writes it (`object.spec.replicas`). */
export interface CelCatalogPath {
  readonly path: string;
  readonly kinds: readonly CelValueKind[];
  /** A few distinct short scalar values seen (masked values never appear: they read "(sensitive value)"). */
  readonly examples: readonly string[];
}

export interface CelCatalogResourceType {
  readonly source: string;
  readonly type: string;
  /** How many stored resources of this type were read. */
  readonly resources: number;
  readonly paths: readonly CelCatalogPath[];
  /** True when paths were capped (depth, count or examples). */
  readonly truncated: boolean;
}

export interface CelCatalogParameter {
  readonly name: string;
  readonly description: string;
  /** The schema type when given (`registry-list`, `windows`…), else inferred from the default. */
  readonly type: string;
}

export interface CelCatalogPolicy {
  readonly policy: string;
  readonly parameters: readonly CelCatalogParameter[];
}

export interface CelCatalog {
  readonly variables: readonly CelVariableDoc[];
  readonly functions: readonly CelFunctionDoc[];
  readonly resourceTypes: readonly CelCatalogResourceType[];
  /** Fields of `c` inside "for every container" (`c.image`, `c.spec.securityContext.privileged`). */
  readonly containerPaths: readonly CelCatalogPath[];
  readonly namespaces: readonly string[];
  readonly labelKeys: readonly string[];
  readonly policies: readonly CelCatalogPolicy[];
  /** How many stored change sets were read (the newest first, up to a cap). */
  readonly changeSetsRead: number;
  /** True when any list above was capped. */
  readonly truncated: boolean;
}

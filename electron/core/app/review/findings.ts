import type { FindingDto, ResourceFactsDto } from '../../../shared/api-types';
import type { StoredFinding } from '../../store';
import { findingIndexer, resourceFacts } from './resource-facts';
import { findingExplanations } from './finding-explanations';
import { policyDescription } from './policy-texts';
import type { ChangeSetFacts, ExplainScope, JudgedChangeSet, LoadedChangeSet } from './review-session';

export interface FindingDtoOptions {
  /**
   * Carry each policy's description and remediation on every finding (default true: a
   * resource's few finding cards). The findings list sends false: those texts come once per
   * policy from listPolicyTexts, not 7,000 times.
   */
  readonly texts?: boolean;
  /**
   * The loaded change set (or the resource's stored detail in its change set's scope), to add
   * each finding's `explanation` (engine/explain: the deciding clause and the values it saw).
   * Evaluates CEL per finding, so only the resource detail gives it; listFindings over a whole
   * change set does not pay for it.
   */
  readonly explain?: { readonly changeSet: ExplainScope };
}

/** Findings as the review screen shows them: resolved to a resource row, with the policy's explanation and the waived flag. */
export function findingDtos(
  /** The change set's resource facts (stored at import), or the loaded change set to compute them from. */
  facts: Pick<ChangeSetFacts, 'facts'> | Pick<LoadedChangeSet, 'changeSet'>,
  judged: JudgedChangeSet,
  findings: readonly StoredFinding[] = judged.findings,
  options: FindingDtoOptions = {},
): FindingDto[] {
  const withTexts = options.texts !== false;
  const descriptions = withTexts ? new Map(judged.active.contract.policies.map((p) => [p.id, p.description])) : new Map<string, string>();
  const place = resourcePlacer('facts' in facts ? facts.facts : resourceFacts(facts.changeSet));
  const explanations = options.explain ? findingExplanations(options.explain, judged, findings) : [];
  // Titles of the other policies of a same-control finding (rare): read from the judging contract once, when first needed.
  let titles: ReadonlyMap<string, string> | null = null;
  const titleOf = (id: string): string => (titles ??= new Map(judged.active.contract.policies.map((p) => [p.id, p.title]))).get(id) ?? '';
  // Built property by property, in the DTO's order: object spreads here (15k findings) took V8's slow copy path.
  return findings.map((f, i) => {
    const { resourceIndex, disambiguator } = place(f);
    const dto: Mutable<FindingDto> = { id: f.id, policy: f.policy, title: f.title, resourceIndex } as Mutable<FindingDto>;
    if (disambiguator !== undefined) dto.disambiguator = disambiguator;
    dto.address = f.resource.address;
    dto.status = f.status;
    dto.enforcement = f.enforcement;
    dto.severity = f.severity;
    dto.message = f.message;
    // Built-in checks (input integrity) are not contract policies but explain themselves too.
    if (withTexts) {
      dto.remediation = f.remediation;
      dto.description = policyDescription(descriptions, f.policy);
    }
    dto.location = f.location.origin
      ? { file: f.location.file, line: f.location.line, column: f.location.column, origin: f.location.origin }
      : { file: f.location.file, line: f.location.line, column: f.location.column };
    dto.waived = judged.waived.has(f.id);
    dto.shadow = f.shadow === true;
    if (f.alsoPolicies !== undefined && f.alsoPolicies.length > 0) {
      dto.alsoPolicies = f.alsoPolicies;
      dto.alsoTitles = f.alsoPolicies.map(titleOf);
    }
    if (explanations[i]) dto.explanation = explanations[i];
    return dto;
  });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

type Placer = (f: Pick<StoredFinding, 'resource' | 'location'>) => Pick<FindingDto, 'resourceIndex' | 'disambiguator'>;

/** One placer per facts list: the rows, a resource's findings and the findings list all place findings on the same 15k facts. */
const placers = new WeakMap<readonly ResourceFactsDto[], Placer>();

/**
 * The resource row of each finding: several resources may share an address, so the one the
 * finding points inside (resource-facts.ts), with what tells it apart from the others.
 */
export function resourcePlacer(facts: readonly ResourceFactsDto[]): Placer {
  const hit = placers.get(facts);
  if (hit) return hit;
  const indexOf = findingIndexer(facts);
  const place: Placer = (f) => {
    const resourceIndex = indexOf({ address: f.resource.address, location: f.location });
    const disambiguator = facts[resourceIndex]?.disambiguator ?? '';
    return disambiguator === '' ? { resourceIndex } : { resourceIndex, disambiguator };
  };
  placers.set(facts, place);
  return place;
}

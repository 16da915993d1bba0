import { isDeepStrictEqual } from 'node:util';
import { buildChangeSet } from '../../loaders/bundle';
import type { ChangeSet } from '../../model/changeset';
import { NotFoundError } from '../../model/errors';
import type { StoredChangeSet, StoredEvaluation, StoredFinding, Workspace } from '../../store';
import type { ReleaseVerification } from '../../verify';
import { contractFor, currentContract } from '../current-contract';
import type { ActiveContract } from '../current-contract';
import { JudgementCache } from '../judgement-cache';
import { allFindings, judgeCurrent } from '../review-context';
import type { ReviewContext } from '../review-context';
import type { ResourceFactsDto } from '../../../shared/review-types';
import type { ResourceChange } from '../../model/resource-change';
import { computedFacts, putFacts, RESOURCE_FACTS_VERSION, storedFacts, storedFactsHead } from './stored-facts';
import { storedResourceDetail, storeDetailsInBackground } from './stored-details';
import type { DetailsWrite } from './stored-details';

/** A stored change set rebuilt from its stored files, with an address → resource index map. */
export interface LoadedChangeSet {
  readonly stored: StoredChangeSet;
  readonly changeSet: ChangeSet;
  readonly indexByAddress: ReadonlyMap<string, number>;
}

/** What explaining a resource's findings reads of its change set (engine/explain). */
export type ExplainScope = Pick<ChangeSet, 'digest' | 'metadata' | 'resources'>;

/** One resource for the detail panel, with the change set its findings are explained in. */
export interface ResourceInScope {
  readonly resource: ResourceChange;
  readonly changeSet: ExplainScope;
}

/** A change set's resource facts (stored at import), with the first resource of each address. */
export interface ChangeSetFacts {
  readonly facts: readonly ResourceFactsDto[];
  readonly indexByAddress: ReadonlyMap<string, number>;
}

/** A change set's evaluation under the contract that judges it, all its findings, and what the signatures held make of it. */
export interface JudgedChangeSet {
  readonly active: ActiveContract;
  readonly evaluation: StoredEvaluation;
  readonly findings: readonly StoredFinding[];
  readonly verification: ReleaseVerification;
  /** Finding ids waived by a valid exception. */
  readonly waived: ReadonlySet<number>;
}

/**
 * The review screens' view of one open workspace. Rebuilding a change set from its stored
 * files costs as much as importing it (a 15k-resource plan: hundreds of ms), and the screens
 * ask for rows, details and excerpts of the same change set many times, so the few most
 * recently used are kept. That is safe because a change set is immutable by its digest, and
 * so is an evaluation's findings list by its id. Judgements are kept while every signature,
 * key and digest they were made from is unchanged (JudgementCache), so the screens that refetch
 * after a decision do not verify every signature again. The session is the use cases' context:
 * approving or signing an exception reuses its contract, change sets and judgements.
 */
export class ReviewSession implements ReviewContext {
  private readonly changeSets = new Map<string, LoadedChangeSet>();
  private readonly findings = new Map<number, readonly StoredFinding[]>();
  private readonly facts = new Map<string, ChangeSetFacts>();
  private readonly detailWrites = new Map<string, DetailsWrite>();
  readonly judgements = new JudgementCache();

  constructor(readonly ws: Workspace, private readonly cacheSize = 3) {}

  /** The default contract (no vendor): what judges change sets no vendor contract selects. */
  contract(): ActiveContract {
    return currentContract(this.ws);
  }

  /**
   * The contract that judges a stored change set: its vendor's (and install's) latest
   * revision, else the default. Asked again on every call, so a contract saved meanwhile
   * judges from then on (resolutions are cached by revision, so this costs a lookup).
   */
  contractFor(digest: string): ActiveContract {
    return contractFor(this.ws, this.stored(digest).metadata);
  }

  stored(digest: string): StoredChangeSet {
    const stored = this.ws.changeSets.getChangeSet(digest);
    if (!stored) throw new NotFoundError(digest, 'no change set with this digest in the workspace');
    return stored;
  }

  load(digest: string): LoadedChangeSet {
    const hit = this.changeSets.get(digest);
    if (hit) {
      // Re-insert: Map order is the LRU order.
      this.changeSets.delete(digest);
      this.changeSets.set(digest, hit);
      return hit;
    }
    return this.remember(digest, buildChangeSet(this.ws.changeSets.getChangeSetSource(digest)!));
  }

  changeSet(digest: string): ChangeSet {
    return this.load(digest).changeSet;
  }

  /** Keeps a change set just built (e.g. by an import) so the review doesn't rebuild it. */
  remember(digest: string, changeSet: ChangeSet): LoadedChangeSet {
    const stored = this.stored(digest);
    if (changeSet.digest !== digest) throw new NotFoundError(digest, `the change set given is ${changeSet.digest}`);
    this.changeSets.delete(digest);
    const indexByAddress = new Map<string, number>();
    changeSet.resources.forEach((r, i) => {
      if (!indexByAddress.has(r.address)) indexByAddress.set(r.address, i);
    });
    const loaded = { stored, changeSet, indexByAddress };
    this.changeSets.set(digest, loaded);
    // Facts read from the store are checked against the change set now built (resourceFacts).
    this.facts.delete(digest);
    while (this.changeSets.size > this.cacheSize) this.changeSets.delete(this.changeSets.keys().next().value!);
    // Each resource's masked detail, so that after a restart opening one resource reads one row.
    const write = storeDetailsInBackground(this.ws, digest, changeSet.resources);
    this.detailWrites.set(digest, write);
    void write.ended.then(() => {
      if (this.detailWrites.get(digest) === write) this.detailWrites.delete(digest);
    });
    return loaded;
  }

  /** Settles when the background write of a change set's resource details (started by remember) has ended. */
  detailsStored(digest: string): Promise<void> {
    return this.detailWrites.get(digest)?.settled() ?? Promise.resolve();
  }

  /**
   * One resource for the detail panel: from the change set in memory when it is, else from its
   * masked detail stored after import (one row: a reopened 15k-resource change set is not rebuilt
   * from its files for it), else the change set rebuilt.
   */
  resourceAt(digest: string, index: number): ResourceInScope {
    const cached = this.changeSets.has(digest) ? this.load(digest) : null;
    if (!cached) {
      const { facts } = this.resourceFacts(digest);
      const fact = facts[index];
      if (!fact) throw new NotFoundError(digest, `has no resource ${index} (it has ${facts.length})`);
      const resource = storedResourceDetail(this.ws, digest, index, fact.address);
      if (resource) return { resource, changeSet: { digest, metadata: this.stored(digest).metadata, resources: [resource] } };
    }
    const { changeSet } = cached ?? this.load(digest);
    const resource = changeSet.resources[index];
    if (!resource) throw new NotFoundError(digest, `has no resource ${index} (it has ${changeSet.resources.length})`);
    return { resource, changeSet };
  }

  /**
   * What the resource list needs of each resource: stored at import, so a reopened change set
   * is not rebuilt to show its rows. One imported before they were stored (or stored in an
   * older shape) is rebuilt once, and its facts stored then.
   *
   * The stored row is derived data that whoever can write the workspace file can forge: once
   * the change set is built in this session (opening a resource, judging, importing), the
   * facts come from it, and a stored row that differs is replaced (fail closed: recomputed).
   */
  resourceFacts(digest: string): ChangeSetFacts {
    const hit = this.facts.get(digest);
    if (hit) return hit;
    this.stored(digest);
    const built = this.changeSets.get(digest)?.changeSet;
    const stored = storedFacts(this.ws, digest);
    let facts: readonly ResourceFactsDto[];
    if (built === undefined && stored !== null) facts = stored;
    else {
      facts = computedFacts(built ?? this.changeSet(digest));
      // No row of this version at all (an import, a rebuild): the background write remember()
      // started stores them first, off the import's path (a 15k-resource list is a 5 MB row). A
      // stored row that is unusable or differs (forged, stale) is replaced now.
      const storedLater = stored === null && this.detailWrites.has(digest) && !this.ws.resourceFacts.has(digest, RESOURCE_FACTS_VERSION);
      if (!this.ws.db.readonly && !storedLater && (stored === null || !isDeepStrictEqual(stored, facts))) putFacts(this.ws, digest, facts);
    }
    const indexByAddress = new Map<string, number>();
    facts.forEach((f, i) => {
      if (!indexByAddress.has(f.address)) indexByAddress.set(f.address, i);
    });
    const value = { facts, indexByAddress };
    if (this.facts.size >= this.cacheSize) this.facts.delete(this.facts.keys().next().value!);
    this.facts.set(digest, value);
    return value;
  }

  /**
   * The facts the review's first rows need: the session's when it has them, else read from the
   * head of the stored list (reopening: the whole 5 MB list is read by the next call, not before
   * the first rows): the first `first`, and, when one of them shares its address, the rows up to
   * the last resource of that address (the findings of that address may point at any of them).
   * When no such head can be read, all of them.
   */
  resourceFactsHead(digest: string, first: number): readonly ResourceFactsDto[] {
    const hit = this.facts.get(digest);
    if (hit || this.changeSets.has(digest)) return (hit ?? this.resourceFacts(digest)).facts;
    this.stored(digest);
    return storedFactsHead(this.ws, digest, first) ?? this.resourceFacts(digest).facts;
  }

  /** Evaluated under the contract that judges it (evaluated and recorded now if it never was), and judged. */
  judge(digest: string, now = new Date()): JudgedChangeSet {
    this.stored(digest);
    const { active, evaluation, findings, verification } = judgeCurrent(this.ws, this, digest, now);
    return { active, evaluation, findings, verification, waived: waivedFindings(findings, verification) };
  }

  /** Every finding of an evaluation (stored in pages of at most 1000). */
  findingsOf(evaluation: StoredEvaluation): readonly StoredFinding[] {
    const hit = this.findings.get(evaluation.id);
    if (hit) return hit;
    return this.rememberFindings(evaluation.id, allFindings(this.ws, evaluation));
  }

  /**
   * Keeps the findings an import just stored (as the store reads them back: store/evaluation-rows.ts
   * storedFindingOf), so the review that opens next does not read them all back (7,000 rows).
   */
  rememberFindings(evaluationId: number, findings: readonly StoredFinding[]): readonly StoredFinding[] {
    if (this.findings.size >= 16) this.findings.delete(this.findings.keys().next().value!);
    this.findings.set(evaluationId, findings);
    return findings;
  }
}

/**
 * Finding ids waived by the exceptions a judgement applied. Kept per judgement (the judgement
 * cache hands out the same object while nothing it was made from changed), so the calls the
 * review makes per selected resource do not rebuild it over every finding of the change set.
 */
const waivedByJudgement = new WeakMap<ReleaseVerification, { readonly findings: readonly StoredFinding[]; readonly waived: ReadonlySet<number> }>();

function waivedFindings(findings: readonly StoredFinding[], verification: ReleaseVerification): ReadonlySet<number> {
  const hit = waivedByJudgement.get(verification);
  if (hit && hit.findings === findings) return hit.waived;
  const waivedKeys = new Set(verification.exceptionsApplied.flatMap((e) => e.waived.map((w) => `${w.policy}\u0000${w.address}`)));
  const waived = new Set(findings.filter((f) => f.enforcement === 'deny' && waivedKeys.has(`${f.policy}\u0000${f.resource.address}`)).map((f) => f.id));
  waivedByJudgement.set(verification, { findings, waived });
  return waived;
}

/** Something the caller named is not in the workspace (made in the model, with its code). */
export { NotFoundError };

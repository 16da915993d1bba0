import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AttestationRepository } from './attestations';
import { osActor } from './audit-actor';
import { AuditLog } from './audit-log';
import { ChangeSetRepository } from './change-sets';
import { ContractRepository } from './contracts';
import { EvaluationRepository } from './evaluations';
import { Inbox } from './inbox';
import type { InboxQuery } from './inbox';
import { KeyRepository } from './keys';
import { SettingsRepository } from './settings';
import { openDatabase, SCHEMA_VERSION } from './open-database';
import { ReleaseSignatureRepository } from './release-signatures';
import { ResourceDetailsRepository } from './resource-details';
import { ResourceFactsRepository } from './resource-facts';
import type { Db } from './open-database';
import type { InboxPage } from './types';
import { VendorRepository } from './vendors';
import { ViewedResourceRepository } from './viewed-resources';
import { WithdrawalRepository } from './withdrawals';
import { writeTransaction } from './write-transaction';

export interface WorkspaceOptions {
  /** Create the file when missing (default false: a missing workspace is an error). */
  readonly create?: boolean;
  /** Open read-only (audit verify/export, verification); writes then fail. */
  readonly readonly?: boolean;
  /** Who the audit log names for this session's writes other than signatures (default: `os:<OS user name>`). */
  readonly actor?: string;
  /** The clock (tests pin it). */
  readonly now?: () => Date;
}

/** One open workspace file: the database and the repositories over it. Close it when done. */
export class Workspace {
  readonly audit: AuditLog;
  readonly vendors: VendorRepository;
  readonly changeSets: ChangeSetRepository;
  readonly evaluations: EvaluationRepository;
  readonly contracts: ContractRepository;
  readonly keys: KeyRepository;
  readonly attestations: AttestationRepository;
  /** The vendor's release signatures received with each change set (signatures/ of its bundle). */
  readonly releaseSignatures: ReleaseSignatureRepository;
  readonly withdrawals: WithdrawalRepository;
  readonly settings: SettingsRepository;
  /** Resources each reviewer marked "Viewed" per change set (issue 11). */
  readonly viewed: ViewedResourceRepository;
  /** What the review's resource list needs of each change set's resources, stored at import (issue 11). */
  readonly resourceFacts: ResourceFactsRepository;
  /** Each resource's masked detail, stored after import so a reopened change set's resource opens without a rebuild (issue 11). */
  readonly resourceDetails: ResourceDetailsRepository;
  private readonly inbox: Inbox;

  constructor(
    readonly path: string,
    readonly db: Db,
    /** True when this open created the workspace (wrote its first audit entry). */
    readonly isNew: boolean,
    context: { readonly actor: string; readonly now: () => Date },
  ) {
    this.audit = new AuditLog(db, context);
    this.vendors = new VendorRepository(db);
    this.changeSets = new ChangeSetRepository(db, this.audit, this.vendors, context.now);
    this.evaluations = new EvaluationRepository(db, this.audit, context.now);
    this.contracts = new ContractRepository(db, this.audit, context.now);
    this.keys = new KeyRepository(db, this.audit, context.now);
    this.attestations = new AttestationRepository(db, this.audit, this.changeSets, context.now);
    this.releaseSignatures = new ReleaseSignatureRepository(db, this.audit, context.now);
    this.withdrawals = new WithdrawalRepository(db, this.audit, this.changeSets, context.now);
    this.settings = new SettingsRepository(db, this.audit);
    this.viewed = new ViewedResourceRepository(db, context.now);
    this.resourceFacts = new ResourceFactsRepository(db);
    this.resourceDetails = new ResourceDetailsRepository(db);
    this.inbox = new Inbox(db);
  }

  /** One page of change sets in a state (pending by default), newest first, each with its latest verdict and counts. */
  listInbox(query: InboxQuery = {}): InboxPage {
    return this.inbox.list(query);
  }

  get schemaVersion(): number {
    return SCHEMA_VERSION;
  }

  close(): void {
    if (!this.db.open) return;
    // Keeps the planner's statistics fresh as the workspace grows (cheap; SQLite's advice for long-lived apps).
    if (!this.db.readonly) this.db.pragma('optimize');
    this.db.close();
  }
}

/** Opens an existing workspace (or creates it with `create: true`). */
export function openWorkspace(path: string, options: WorkspaceOptions = {}): Workspace {
  const file = resolve(path);
  const db = openDatabase(file, { create: options.create === true && !options.readonly, readonly: options.readonly === true });
  const context = { actor: options.actor ?? osActor(), now: options.now ?? (() => new Date()) };
  let isNew = false;
  if (!options.readonly) {
    // The first entry of every chain records the creation; written once even if two processes race here.
    isNew = writeTransaction(db, () => {
      const audit = new AuditLog(db, context);
      if (audit.head() !== null) return false;
      audit.append({ action: 'workspace.init', subject: file, details: { schemaVersion: SCHEMA_VERSION } });
      return true;
    });
  }
  return new Workspace(file, db, isNew, context);
}

/** Creates a workspace at `path` (its folder too); an existing workspace is opened as is (`isNew` false). */
export function initWorkspace(path: string, options: Omit<WorkspaceOptions, 'create' | 'readonly'> = {}): Workspace {
  return openWorkspace(path, { ...options, create: true });
}

/** Whether a workspace file exists at `path` (for "run workspace init first" hints). */
export function workspaceExists(path: string): boolean {
  return existsSync(resolve(path));
}

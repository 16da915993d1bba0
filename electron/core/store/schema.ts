/**
 * The workspace schema as forward-only migrations. Migration N (1-based) moves a file from
 * schema version N-1 to N (PRAGMA user_version). Never edit a shipped migration: append a new
 * one. Tables are STRICT so a wrong type is refused by SQLite itself, and the history tables
 * (contract revisions, change-set files, attestations, the audit log) refuse UPDATE/DELETE by
 * trigger, so even a bug in the app cannot rewrite what was agreed.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: initial schema */ `
CREATE TABLE vendors (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE installs (
  id INTEGER PRIMARY KEY,
  vendor_id INTEGER NOT NULL REFERENCES vendors(id),
  app TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (vendor_id, app, name)
) STRICT;

CREATE TABLE contract_revisions (
  id INTEGER PRIMARY KEY,
  contract TEXT NOT NULL,
  revision INTEGER NOT NULL,
  content TEXT NOT NULL,
  digest TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  published_envelope TEXT,
  published_at TEXT,
  UNIQUE (contract, revision)
) STRICT;
CREATE INDEX contract_revisions_by_digest ON contract_revisions (digest);
CREATE TRIGGER contract_revisions_immutable
  BEFORE UPDATE OF id, contract, revision, content, digest, author, created_at ON contract_revisions
  BEGIN SELECT RAISE(ABORT, 'contract revisions are immutable: save a new revision'); END;
CREATE TRIGGER contract_revisions_publish_once
  BEFORE UPDATE OF published_envelope, published_at ON contract_revisions
  WHEN OLD.published_envelope IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'this contract revision is already published'); END;
CREATE TRIGGER contract_revisions_no_delete
  BEFORE DELETE ON contract_revisions
  BEGIN SELECT RAISE(ABORT, 'contract revisions are never deleted'); END;

CREATE TABLE change_sets (
  digest TEXT PRIMARY KEY,
  vendor TEXT NOT NULL,
  app TEXT NOT NULL,
  install TEXT NOT NULL,
  release TEXT NOT NULL,
  previous_release TEXT NOT NULL,
  created_at TEXT NOT NULL,
  planned_apply_at TEXT NOT NULL,
  description TEXT NOT NULL,
  install_id INTEGER REFERENCES installs(id),
  origin TEXT NOT NULL,
  manifest TEXT,
  artifacts TEXT NOT NULL,
  received_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'superseded')),
  state_changed_at TEXT NOT NULL,
  resource_count INTEGER NOT NULL,
  file_count INTEGER NOT NULL,
  total_bytes INTEGER NOT NULL
) STRICT;
CREATE INDEX change_sets_inbox ON change_sets (state, received_at);
CREATE INDEX change_sets_by_vendor ON change_sets (vendor, state, received_at);
CREATE TRIGGER change_sets_immutable
  BEFORE UPDATE OF digest, vendor, app, install, release, previous_release, created_at, planned_apply_at,
    description, install_id, origin, manifest, artifacts, received_at, resource_count, file_count, total_bytes
  ON change_sets
  BEGIN SELECT RAISE(ABORT, 'a stored change set is immutable (only its state changes)'); END;
CREATE TRIGGER change_sets_no_delete
  BEFORE DELETE ON change_sets
  BEGIN SELECT RAISE(ABORT, 'change sets are never deleted'); END;

CREATE TABLE change_set_files (
  id INTEGER PRIMARY KEY,
  digest TEXT NOT NULL REFERENCES change_sets(digest),
  ordinal INTEGER NOT NULL,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  UNIQUE (digest, path)
) STRICT;
CREATE TRIGGER change_set_files_immutable
  BEFORE UPDATE ON change_set_files
  BEGIN SELECT RAISE(ABORT, 'stored change-set files are immutable'); END;
CREATE TRIGGER change_set_files_no_delete
  BEFORE DELETE ON change_set_files
  BEGIN SELECT RAISE(ABORT, 'stored change-set files are never deleted'); END;

CREATE TABLE evaluations (
  id INTEGER PRIMARY KEY,
  change_set_digest TEXT NOT NULL REFERENCES change_sets(digest),
  contract_digest TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  at TEXT NOT NULL,
  evaluated_at TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('blocked', 'needs-approval', 'pass')),
  digest TEXT NOT NULL,
  summary TEXT NOT NULL,
  finding_count INTEGER NOT NULL,
  error_count INTEGER NOT NULL,
  -- Counts by severity and enforcement, fixed at write time so the inbox needs no aggregation.
  critical_count INTEGER NOT NULL,
  high_count INTEGER NOT NULL,
  medium_count INTEGER NOT NULL,
  low_count INTEGER NOT NULL,
  info_count INTEGER NOT NULL,
  advisory_count INTEGER NOT NULL,
  approval_count INTEGER NOT NULL,
  deny_count INTEGER NOT NULL,
  mandatory_count INTEGER NOT NULL,
  -- The same evaluation recorded twice (a retry) is stored once.
  UNIQUE (change_set_digest, contract_digest, digest, at)
) STRICT;
CREATE INDEX evaluations_latest ON evaluations (change_set_digest, id);
CREATE INDEX evaluations_latest_by_contract ON evaluations (change_set_digest, contract_digest, id);
CREATE TRIGGER evaluations_immutable
  BEFORE UPDATE ON evaluations
  BEGIN SELECT RAISE(ABORT, 'evaluations are immutable'); END;
CREATE TRIGGER evaluations_no_delete
  BEFORE DELETE ON evaluations
  BEGIN SELECT RAISE(ABORT, 'evaluations are never deleted'); END;

CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
  policy TEXT NOT NULL,
  title TEXT NOT NULL,
  address TEXT NOT NULL,
  source TEXT NOT NULL,
  type TEXT NOT NULL,
  action TEXT NOT NULL,
  drift INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('fail', 'error')),
  enforcement TEXT NOT NULL CHECK (enforcement IN ('advisory', 'approval', 'deny', 'mandatory')),
  severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  message TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  "column" INTEGER NOT NULL,
  origin TEXT,
  remediation TEXT NOT NULL
) STRICT;
CREATE INDEX findings_page ON findings (evaluation_id, id);
CREATE INDEX findings_by_policy ON findings (evaluation_id, policy, id);
CREATE TRIGGER findings_immutable
  BEFORE UPDATE ON findings
  BEGIN SELECT RAISE(ABORT, 'findings are immutable'); END;
CREATE TRIGGER findings_no_delete
  BEFORE DELETE ON findings
  BEGIN SELECT RAISE(ABORT, 'findings are never deleted'); END;

CREATE TABLE reviewer_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  public_pem TEXT NOT NULL,
  encrypted_private_key BLOB NOT NULL,
  kdf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
CREATE TRIGGER reviewer_keys_immutable
  BEFORE UPDATE OF id, name, public_pem, encrypted_private_key, kdf, created_at ON reviewer_keys
  BEGIN SELECT RAISE(ABORT, 'reviewer keys are immutable (only revocation is recorded)'); END;
CREATE TRIGGER reviewer_keys_revoke_once
  BEFORE UPDATE OF revoked_at ON reviewer_keys WHEN OLD.revoked_at IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'this key is already revoked'); END;
CREATE TRIGGER reviewer_keys_no_delete
  BEFORE DELETE ON reviewer_keys
  BEGIN SELECT RAISE(ABORT, 'keys are never deleted: revoke them'); END;

CREATE TABLE trusted_keys (
  fingerprint TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('reviewer', 'vendor')),
  public_pem TEXT NOT NULL,
  added_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
CREATE TRIGGER trusted_keys_immutable
  BEFORE UPDATE OF fingerprint, name, role, public_pem, added_at ON trusted_keys
  BEGIN SELECT RAISE(ABORT, 'trusted keys are immutable (only revocation is recorded)'); END;
CREATE TRIGGER trusted_keys_revoke_once
  BEFORE UPDATE OF revoked_at ON trusted_keys WHEN OLD.revoked_at IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'this key is already revoked'); END;
CREATE TRIGGER trusted_keys_no_delete
  BEFORE DELETE ON trusted_keys
  BEGIN SELECT RAISE(ABORT, 'keys are never deleted: revoke them'); END;

CREATE TABLE approvals (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('approve', 'reject')),
  change_set_digest TEXT NOT NULL REFERENCES change_sets(digest),
  contract_digest TEXT NOT NULL,
  evaluation_digest TEXT NOT NULL,
  key_id TEXT NOT NULL,
  envelope TEXT NOT NULL CHECK (json_valid(envelope)),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX approvals_by_change_set ON approvals (change_set_digest, id);
CREATE TRIGGER approvals_immutable
  BEFORE UPDATE ON approvals
  BEGIN SELECT RAISE(ABORT, 'approvals are immutable'); END;
CREATE TRIGGER approvals_no_delete
  BEFORE DELETE ON approvals
  BEGIN SELECT RAISE(ABORT, 'approvals are never deleted'); END;

CREATE TABLE exceptions (
  id INTEGER PRIMARY KEY,
  statement_digest TEXT NOT NULL UNIQUE,
  envelope TEXT NOT NULL CHECK (json_valid(envelope)),
  policy TEXT NOT NULL,
  resource_pattern TEXT NOT NULL,
  change_set_digest TEXT,
  expires_at TEXT,
  justification TEXT NOT NULL CHECK (justification <> ''),
  requester TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (change_set_digest IS NOT NULL OR expires_at IS NOT NULL)
) STRICT;
CREATE INDEX exceptions_by_change_set ON exceptions (change_set_digest);
CREATE TRIGGER exceptions_immutable
  BEFORE UPDATE ON exceptions
  BEGIN SELECT RAISE(ABORT, 'exceptions are immutable'); END;
CREATE TRIGGER exceptions_no_delete
  BEFORE DELETE ON exceptions
  BEGIN SELECT RAISE(ABORT, 'exceptions are never deleted'); END;

CREATE TABLE exception_signatures (
  id INTEGER PRIMARY KEY,
  exception_id INTEGER NOT NULL REFERENCES exceptions(id),
  key_id TEXT NOT NULL,
  envelope TEXT NOT NULL CHECK (json_valid(envelope)),
  created_at TEXT NOT NULL,
  UNIQUE (exception_id, key_id)
) STRICT;
CREATE TRIGGER exception_signatures_immutable
  BEFORE UPDATE ON exception_signatures
  BEGIN SELECT RAISE(ABORT, 'exception signatures are immutable'); END;
CREATE TRIGGER exception_signatures_no_delete
  BEFORE DELETE ON exception_signatures
  BEGIN SELECT RAISE(ABORT, 'exception signatures are never deleted'); END;

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete
  BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`,
  /* 2: a finding may be \`unknown\` (its answer depends on values known only after apply).
     SQLite cannot change a CHECK in place: the table is rebuilt with the same rows and ids, its
     immutability triggers dropped for the copy and recreated on the new table. */ `
DROP TRIGGER findings_immutable;
DROP TRIGGER findings_no_delete;
CREATE TABLE findings_v2 (
  id INTEGER PRIMARY KEY,
  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
  policy TEXT NOT NULL,
  title TEXT NOT NULL,
  address TEXT NOT NULL,
  source TEXT NOT NULL,
  type TEXT NOT NULL,
  action TEXT NOT NULL,
  drift INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('fail', 'error', 'unknown')),
  enforcement TEXT NOT NULL CHECK (enforcement IN ('advisory', 'approval', 'deny', 'mandatory')),
  severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  message TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  "column" INTEGER NOT NULL,
  origin TEXT,
  remediation TEXT NOT NULL
) STRICT;
INSERT INTO findings_v2 SELECT * FROM findings;
DROP TABLE findings;
ALTER TABLE findings_v2 RENAME TO findings;
CREATE INDEX findings_page ON findings (evaluation_id, id);
CREATE INDEX findings_by_policy ON findings (evaluation_id, policy, id);
CREATE TRIGGER findings_immutable
  BEFORE UPDATE ON findings
  BEGIN SELECT RAISE(ABORT, 'findings are immutable'); END;
CREATE TRIGGER findings_no_delete
  BEFORE DELETE ON findings
  BEGIN SELECT RAISE(ABORT, 'findings are never deleted'); END;
`,
  /* 3: a finding of a policy in shadow mode (countersign.dev/v3) is stored with shadow = 1: it
     is reported but weighs nothing. Earlier rows are not shadow. */ `
ALTER TABLE findings ADD COLUMN shadow INTEGER NOT NULL DEFAULT 0 CHECK (shadow IN (0, 1));
`,
  /* 4: every saved contract revision says why (comment) and which reviewer key saved it
     (author_key; null for revisions saved before). Both are part of the immutable history. */ `
ALTER TABLE contract_revisions ADD COLUMN comment TEXT NOT NULL DEFAULT '';
ALTER TABLE contract_revisions ADD COLUMN author_key TEXT;
CREATE TRIGGER contract_revisions_note_immutable
  BEFORE UPDATE OF comment, author_key ON contract_revisions
  BEGIN SELECT RAISE(ABORT, 'contract revisions are immutable: save a new revision'); END;
`,
  /* 5 (issue 10): sign-off between people.
     withdrawals: signed withdrawals of decisions (withdrawal/v1), immutable like decisions.
     release_signatures: the vendor's signatures over a change set (release/v1, from the
     bundle's signatures/ folder, outside its digest), kept as received and judged when read.
     settings: workspace settings (e.g. the exception expiry warning period), one row a key. */ `
CREATE TABLE withdrawals (
  id INTEGER PRIMARY KEY,
  change_set_digest TEXT NOT NULL REFERENCES change_sets(digest),
  statement_digest TEXT NOT NULL UNIQUE,
  withdraws TEXT NOT NULL,
  key_id TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason <> ''),
  envelope TEXT NOT NULL CHECK (json_valid(envelope)),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX withdrawals_by_change_set ON withdrawals (change_set_digest, id);
CREATE TRIGGER withdrawals_immutable
  BEFORE UPDATE ON withdrawals
  BEGIN SELECT RAISE(ABORT, 'withdrawals are immutable'); END;
CREATE TRIGGER withdrawals_no_delete
  BEFORE DELETE ON withdrawals
  BEGIN SELECT RAISE(ABORT, 'withdrawals are never deleted'); END;
CREATE TABLE release_signatures (
  id INTEGER PRIMARY KEY,
  change_set_digest TEXT NOT NULL REFERENCES change_sets(digest),
  payload_digest TEXT NOT NULL,
  source TEXT NOT NULL,
  envelope TEXT NOT NULL CHECK (json_valid(envelope)),
  created_at TEXT NOT NULL,
  UNIQUE (change_set_digest, payload_digest, envelope)
) STRICT;
CREATE INDEX release_signatures_by_change_set ON release_signatures (change_set_digest, id);
CREATE TRIGGER release_signatures_immutable
  BEFORE UPDATE ON release_signatures
  BEGIN SELECT RAISE(ABORT, 'release signatures are immutable'); END;
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;
`,
  /* 6 (issue 10): a trusted key may be a contract owner's: the keys whose publications this
     workspace accepts in a co-reviewer's signing request (besides its own keys). SQLite cannot
     change a CHECK, so the table is rebuilt as it was, with the third role, and its triggers. */ `
CREATE TABLE trusted_keys_v6 (
  fingerprint TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('reviewer', 'vendor', 'contract-owner')),
  public_pem TEXT NOT NULL,
  added_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
INSERT INTO trusted_keys_v6 (fingerprint, name, role, public_pem, added_at, revoked_at)
  SELECT fingerprint, name, role, public_pem, added_at, revoked_at FROM trusted_keys;
DROP TABLE trusted_keys;
ALTER TABLE trusted_keys_v6 RENAME TO trusted_keys;
CREATE TRIGGER trusted_keys_immutable
  BEFORE UPDATE OF fingerprint, name, role, public_pem, added_at ON trusted_keys
  BEGIN SELECT RAISE(ABORT, 'trusted keys are immutable (only revocation is recorded)'); END;
CREATE TRIGGER trusted_keys_revoke_once
  BEFORE UPDATE OF revoked_at ON trusted_keys WHEN OLD.revoked_at IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'this key is already revoked'); END;
CREATE TRIGGER trusted_keys_no_delete
  BEFORE DELETE ON trusted_keys
  BEGIN SELECT RAISE(ABORT, 'keys are never deleted: revoke them'); END;
`,
  /* 7 (issue 11, navigation): the resources each reviewer marked "Viewed" in a change set (a
     reviewer: `key:<fingerprint>` of the workspace's personal key, else `os:<user>`). Review
     progress only: it decides nothing, so it is neither audited nor immutable. */ `
CREATE TABLE viewed_resources (
  change_set_digest TEXT NOT NULL REFERENCES change_sets(digest),
  reviewer TEXT NOT NULL,
  resource_index INTEGER NOT NULL CHECK (resource_index >= 0),
  viewed_at TEXT NOT NULL,
  PRIMARY KEY (change_set_digest, reviewer, resource_index)
) STRICT, WITHOUT ROWID;
`,
  /* 8 (issue 11, speed): each change set's resource facts (what the review's resource list needs
     of every resource, independent of the contract), stored at import so reopening a change set
     shows its rows without rebuilding it from its files. One JSON array per change set, with the
     version of the facts' shape: a row of another version is computed again (as for change sets
     imported before this migration, on first open). Derived data: replaced, never audited. */ `
CREATE TABLE resource_facts (
  change_set_digest TEXT PRIMARY KEY REFERENCES change_sets(digest),
  version INTEGER NOT NULL,
  resource_count INTEGER NOT NULL CHECK (resource_count >= 0),
  facts TEXT NOT NULL CHECK (json_valid(facts) AND json_type(facts) = 'array')
) STRICT;
`,
  /* 9 (issue 11, imports): display labels a reviewer gives a change set (vendor, app, install,
     release; '' = none). Display only: never part of the digest, never read by contract
     selection, policies, verify or the outbox, which use change_sets' own columns. */ `
CREATE TABLE change_set_labels (
  digest TEXT PRIMARY KEY REFERENCES change_sets(digest),
  vendor TEXT NOT NULL DEFAULT '',
  app TEXT NOT NULL DEFAULT '',
  install TEXT NOT NULL DEFAULT '',
  release TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
) STRICT;
`,
  /* 10 (issue 11, speed): each resource's masked detail (the normalized model the review's
     detail panel reads: before/after with sensitive values already masked, unknown and sensitive
     paths, location), one row per resource, written in the background after an import so the
     first resource a reviewer selects after a restart is not rebuilt from the change set's files.
     Never the raw files' text. Derived data: rows of another version are ignored and replaced,
     never audited. */ `
CREATE TABLE resource_details (
  change_set_digest TEXT NOT NULL REFERENCES change_sets(digest),
  resource_index INTEGER NOT NULL CHECK (resource_index >= 0),
  version INTEGER NOT NULL,
  detail BLOB NOT NULL,
  PRIMARY KEY (change_set_digest, resource_index)
) STRICT;
`,
  /* 11 (issue 14, same control in two packs; the plan reserved 12 for this if S adds an 11th):
     the other policy ids of a finding reported once for a shared standard control
     (countersign-engine/5, Finding.alsoPolicies), a JSON array of strings; NULL for every other
     finding, which reads back without the member, so stored evaluations digest as before. */ `
ALTER TABLE findings ADD COLUMN also_policies TEXT CHECK (also_policies IS NULL OR (json_valid(also_policies) AND json_type(also_policies) = 'array'));
`,
  /* 12 (issue 12, drift review; owner D3): drift reports per install, their items, and signed drift
     acknowledgements. A report is what one snapshot (sha256 of its bytes) showed against the
     install's last approved change set under the contract then in force: its items (masked field
     diffs, keyed) and the evaluation of the drifted live state, as masked JSON (never the
     snapshot's text). drift_items repeats each item's key and kind so open drift is counted
     without reading the JSON. An acknowledgement (acknowledged / to be reverted by the vendor) is
     the signed DSSE envelope (drift-acknowledgement/v1) naming one item key. All three are
     audited, and never changed or deleted. */ `
CREATE TABLE drift_reports (
  id INTEGER PRIMARY KEY,
  install TEXT NOT NULL,
  snapshot_sha256 TEXT NOT NULL CHECK (length(snapshot_sha256) = 64),
  snapshot_kind TEXT NOT NULL CHECK (snapshot_kind IN ('terraform-refresh-plan', 'terraform-state', 'kubernetes-live')),
  snapshot_file TEXT NOT NULL,
  approved_change_set TEXT NOT NULL,
  contract_digest TEXT NOT NULL,
  verdict TEXT NOT NULL,
  item_count INTEGER NOT NULL CHECK (item_count >= 0),
  finding_count INTEGER NOT NULL CHECK (finding_count >= 0),
  report TEXT NOT NULL CHECK (json_valid(report) AND json_type(report) = 'object'),
  created_at TEXT NOT NULL,
  UNIQUE (install, snapshot_sha256, approved_change_set, contract_digest)
) STRICT;
CREATE INDEX drift_reports_by_install ON drift_reports(install, id);
CREATE TRIGGER drift_reports_immutable BEFORE UPDATE ON drift_reports
  BEGIN SELECT RAISE(ABORT, 'drift reports are immutable'); END;
CREATE TRIGGER drift_reports_no_delete BEFORE DELETE ON drift_reports
  BEGIN SELECT RAISE(ABORT, 'drift reports are never deleted'); END;
CREATE TABLE drift_items (
  report_id INTEGER NOT NULL REFERENCES drift_reports(id),
  item_key TEXT NOT NULL,
  address TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('changed', 'added', 'removed')),
  other_managers_only INTEGER NOT NULL CHECK (other_managers_only IN (0, 1)),
  PRIMARY KEY (report_id, item_key)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER drift_items_immutable BEFORE UPDATE ON drift_items
  BEGIN SELECT RAISE(ABORT, 'drift items are immutable'); END;
CREATE TRIGGER drift_items_no_delete BEFORE DELETE ON drift_items
  BEGIN SELECT RAISE(ABORT, 'drift items are never deleted'); END;
CREATE TABLE drift_acknowledgements (
  id INTEGER PRIMARY KEY,
  install TEXT NOT NULL,
  item_key TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('acknowledged', 'revert-by-vendor')),
  note TEXT NOT NULL,
  key_id TEXT NOT NULL,
  statement_digest TEXT NOT NULL UNIQUE,
  envelope TEXT NOT NULL CHECK (json_valid(envelope)),
  created_at TEXT NOT NULL,
  UNIQUE (install, item_key)
) STRICT;
CREATE TRIGGER drift_acknowledgements_immutable BEFORE UPDATE ON drift_acknowledgements
  BEGIN SELECT RAISE(ABORT, 'drift acknowledgements are immutable'); END;
CREATE TRIGGER drift_acknowledgements_no_delete BEFORE DELETE ON drift_acknowledgements
  BEGIN SELECT RAISE(ABORT, 'drift acknowledgements are never deleted'); END;
`,
  /* 13 (issue 12, dashboard; owner DB): summary rows maintained at write time, so the dashboard's
     vendor-wide "most-violated policies" reads a few hundred rows instead of aggregating a
     million findings. Derived data, kept by triggers (so every write path, the real one and the
     bench's SQL, keeps them right), never audited:
     - dashboard_policy_counts: per evaluation, per policy, its non-shadow findings;
     - dashboard_current_policy: per vendor/install/policy, the findings and change sets of each
       change set's LATEST evaluation (max id: ids only grow, nothing is deleted). A new
       evaluation of a change set first takes its previous latest evaluation's counts out; its
       findings, inserted after it, add theirs. Zero rows stay (filtered when read).
     - dashboard_release_counts: per vendor/install/release, the evaluated change sets, the first
       time one was received, and the severity/enforcement counts of their LATEST evaluations (a
       new evaluation adds its counts less its change set's previous latest evaluation's).
     dashboard_change_sets is a covering index for the per-scope reads of change_sets (lead time,
     the vendor/install selectors). Existing workspaces are backfilled below. */ `
CREATE INDEX dashboard_change_sets ON change_sets (vendor, install, state, received_at, state_changed_at, release, digest);
CREATE TABLE dashboard_policy_counts (
  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
  policy TEXT NOT NULL,
  findings INTEGER NOT NULL CHECK (findings >= 0),
  PRIMARY KEY (evaluation_id, policy)
) STRICT, WITHOUT ROWID;
CREATE TABLE dashboard_release_counts (
  vendor TEXT NOT NULL,
  install TEXT NOT NULL,
  release TEXT NOT NULL,
  received_at TEXT NOT NULL,
  change_sets INTEGER NOT NULL CHECK (change_sets >= 0),
  critical INTEGER NOT NULL, high INTEGER NOT NULL, medium INTEGER NOT NULL, low INTEGER NOT NULL, info INTEGER NOT NULL,
  advisory INTEGER NOT NULL, approval INTEGER NOT NULL, deny INTEGER NOT NULL, mandatory INTEGER NOT NULL,
  PRIMARY KEY (vendor, install, release)
) STRICT, WITHOUT ROWID;
INSERT INTO dashboard_release_counts (vendor, install, release, received_at, change_sets, critical, high, medium, low, info, advisory, approval, deny, mandatory)
  SELECT cs.vendor, cs.install, cs.release, min(cs.received_at), count(*), sum(e.critical_count), sum(e.high_count), sum(e.medium_count),
    sum(e.low_count), sum(e.info_count), sum(e.advisory_count), sum(e.approval_count), sum(e.deny_count), sum(e.mandatory_count)
  FROM change_sets cs JOIN evaluations e ON e.id = (SELECT max(id) FROM evaluations WHERE change_set_digest = cs.digest)
  GROUP BY cs.vendor, cs.install, cs.release;
CREATE TABLE dashboard_current_policy (
  vendor TEXT NOT NULL,
  install TEXT NOT NULL,
  policy TEXT NOT NULL,
  findings INTEGER NOT NULL CHECK (findings >= 0),
  change_sets INTEGER NOT NULL CHECK (change_sets >= 0),
  PRIMARY KEY (vendor, install, policy)
) STRICT, WITHOUT ROWID;
INSERT INTO dashboard_policy_counts (evaluation_id, policy, findings)
  SELECT evaluation_id, policy, count(*) FROM findings WHERE shadow = 0 GROUP BY evaluation_id, policy;
INSERT INTO dashboard_current_policy (vendor, install, policy, findings, change_sets)
  SELECT cs.vendor, cs.install, pc.policy, sum(pc.findings), count(*)
  FROM change_sets cs
  JOIN dashboard_policy_counts pc ON pc.evaluation_id = (SELECT max(id) FROM evaluations WHERE change_set_digest = cs.digest)
  GROUP BY cs.vendor, cs.install, pc.policy;
CREATE TRIGGER dashboard_evaluation_current AFTER INSERT ON evaluations BEGIN
  INSERT INTO dashboard_release_counts (vendor, install, release, received_at, change_sets, critical, high, medium, low, info, advisory, approval, deny, mandatory)
    SELECT cs.vendor, cs.install, cs.release, cs.received_at, prev.id IS NULL,
      NEW.critical_count - coalesce(prev.critical_count, 0), NEW.high_count - coalesce(prev.high_count, 0),
      NEW.medium_count - coalesce(prev.medium_count, 0), NEW.low_count - coalesce(prev.low_count, 0), NEW.info_count - coalesce(prev.info_count, 0),
      NEW.advisory_count - coalesce(prev.advisory_count, 0), NEW.approval_count - coalesce(prev.approval_count, 0),
      NEW.deny_count - coalesce(prev.deny_count, 0), NEW.mandatory_count - coalesce(prev.mandatory_count, 0)
    FROM change_sets cs LEFT JOIN evaluations prev
      ON prev.id = (SELECT max(id) FROM evaluations WHERE change_set_digest = NEW.change_set_digest AND id < NEW.id)
    WHERE cs.digest = NEW.change_set_digest
    ON CONFLICT (vendor, install, release) DO UPDATE SET received_at = min(received_at, excluded.received_at),
      change_sets = change_sets + excluded.change_sets, critical = critical + excluded.critical, high = high + excluded.high,
      medium = medium + excluded.medium, low = low + excluded.low, info = info + excluded.info, advisory = advisory + excluded.advisory,
      approval = approval + excluded.approval, deny = deny + excluded.deny, mandatory = mandatory + excluded.mandatory;
  UPDATE dashboard_current_policy SET findings = dashboard_current_policy.findings - p.findings, change_sets = dashboard_current_policy.change_sets - 1
  FROM (SELECT cs.vendor AS vendor, cs.install AS install, pc.policy AS policy, pc.findings AS findings
        FROM change_sets cs JOIN dashboard_policy_counts pc
          ON pc.evaluation_id = (SELECT max(id) FROM evaluations WHERE change_set_digest = NEW.change_set_digest AND id < NEW.id)
        WHERE cs.digest = NEW.change_set_digest) AS p
  WHERE dashboard_current_policy.vendor = p.vendor AND dashboard_current_policy.install = p.install AND dashboard_current_policy.policy = p.policy;
END;
CREATE TRIGGER dashboard_finding_counts AFTER INSERT ON findings WHEN NEW.shadow = 0 BEGIN
  INSERT INTO dashboard_current_policy (vendor, install, policy, findings, change_sets)
    SELECT cs.vendor, cs.install, NEW.policy, 1,
      NOT EXISTS (SELECT 1 FROM dashboard_policy_counts WHERE evaluation_id = NEW.evaluation_id AND policy = NEW.policy)
    FROM evaluations e JOIN change_sets cs ON cs.digest = e.change_set_digest
    WHERE e.id = NEW.evaluation_id AND NOT EXISTS (SELECT 1 FROM evaluations later WHERE later.change_set_digest = e.change_set_digest AND later.id > e.id)
    ON CONFLICT (vendor, install, policy) DO UPDATE SET findings = findings + 1, change_sets = change_sets + excluded.change_sets;
  INSERT INTO dashboard_policy_counts (evaluation_id, policy, findings) VALUES (NEW.evaluation_id, NEW.policy, 1)
    ON CONFLICT (evaluation_id, policy) DO UPDATE SET findings = findings + 1;
END;
`,
  /* 14 (issue 11, import speed): the per-policy summary rows of migration 13 are written by the
     store once per evaluation, after its findings (store/dashboard-counts.ts: one grouped insert),
     instead of by a trigger per finding (a quarter of a second of a 15k-resource import). The rows
     already kept stay as they are; the evaluations trigger (the release counts, and taking a
     change set's previous latest evaluation out) is unchanged. */ `
DROP TRIGGER dashboard_finding_counts;
`,
];

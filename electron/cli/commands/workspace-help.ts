/** Help texts of the workspace and signing commands (issue 3); docs/cli.md is the long form. */

const WS = `The workspace is --workspace PATH (-w), else $COUNTERSIGN_WORKSPACE (a file, or a folder
holding countersign.db).`;
const PASS = `Passphrases are read from $COUNTERSIGN_PASSPHRASE, else typed at the terminal (echo off);
never from the command line.`;
const EXIT = 'Exit codes: 0 ok, 1 policy outcome, 2 bad input or usage, 3 internal error.';

export const WORKSPACE_HELP = `Usage:
  countersign workspace init [--workspace PATH]
  countersign workspace backup --out FILE [--force] [--workspace PATH]
  countersign workspace restore FILE [--force] [--workspace PATH]

init creates the workspace file (SQLite) and its folder; an existing workspace is left as it is.
backup copies the workspace with SQLite's online backup API (consistent while the app runs)
and encrypts it with a passphrase (scrypt + AES-256-GCM) to FILE; --force replaces an existing FILE.
restore decrypts FILE, checks the copy (integrity, the audit chain, the head the backup recorded,
the heads its signed attestations recorded) and only then puts it at the workspace path; an
existing workspace is refused unless --force, which moves it aside (PATH.before-restore-TIME).
The backup passphrase is read from $COUNTERSIGN_BACKUP_PASSPHRASE, else typed at the terminal
(echo off); never from the command line. See docs/backup.md (format, lost laptop).
${WS}
Exit codes (restore): 0 restored, 1 the backup is authentic but its audit log fails its
checks (nothing replaced), 2 bad input (wrong passphrase, changed, truncated or unknown file,
workspace exists; nothing replaced), 3 internal error.

${EXIT}
`;

export const CHANGESET_HELP = `Usage:
  countersign changeset import BUNDLE... [--label-vendor V] [--label-app A] [--label-install I] [--label-release R]
                                                  store a change set; prints its digest
  countersign changeset label DIGEST [--label-vendor V] [--label-app A] [--label-install I] [--label-release R]
  countersign changeset list [--state STATE] [--format text|json]
  countersign changeset show DIGEST [--format text|json]
  countersign changeset sign BUNDLE-FOLDER --key KEYID          (a workspace key; passphrase asked)
  countersign changeset sign BUNDLE-FOLDER --key-file FILE.pem [--name NAME]

import stores every file of the bundle (folder, .tar.gz/.tgz/.zip, or bare plan/manifest
files) and evaluates it under the current contract revision. Importing the same change set
again changes nothing ("already imported"). DIGEST is 'sha256:<hex>' or a unique hex prefix.
STATE is pending, approved, rejected or superseded (default: all).
--label-* are display labels naming what the vendor's metadata leaves unnamed (bare files):
shown in the app and 'changeset label', audited, never part of the digest, and never read by
contract selection, policies, verify or the outbox. One over a field the changeset.yaml states
is refused (nothing is stored); an empty value clears a label.
sign (the vendor) signs the bundle folder's change-set digest and its manifest's vendor, app,
install and release, and writes signatures/<key id>.release.dsse.json into the folder; the
digest does not cover signatures/, so signing changes nothing signed. Sign the folder, then
pack it. The key is a key of this workspace (--key KEYID; passphrase from
$COUNTERSIGN_PASSPHRASE or the terminal), or an Ed25519 PKCS#8 PEM private key file
(--key-file; an encrypted PEM asks for its passphrase). Give customers the public key
('countersign keys export KEYID'); their contract's roster lists it as vendor-release.
${WS}

${EXIT}
`;

export const CONTRACT_HELP = `Usage:
  countersign contract import FILE                save FILE as a new revision (the current one)
  countersign contract export [--contract NAME] [--revision N] [--output FILE]
  countersign contract revisions [--format text|json]
  countersign contract publish --key KEYID [--key KEYID...] --not-after ISO-TIME
                               [--revision N] --out DIR [--format text|json]
  countersign contract list [--format text|json]  every contract: vendor, install, change sets it judges
  countersign contract diff A B [--contract NAME] [--format text|json]
  countersign contract revert N --key KEYID [--comment TEXT] [--contract NAME]
  countersign contract import-vap FILE [--contract NAME] [--key KEYID [--comment TEXT]] [--output FILE]
  countersign contract export-vap POLICY [--contract NAME] [--output FILE]

Every import of changed content is a new revision; none is overwritten. A workspace holds one
contract per vendor (metadata.vendor), optionally per install (metadata.install): each change
set is judged by the contract its vendor and install select, else by the default contract (no
vendor); a workspace without any uses the baseline default.
export prints the latest revision saved (or of --contract NAME; or revision N) as YAML: the file
to give the vendor for 'countersign evaluate' and 'countersign verify'.
publish signs revision N (default: the latest) of the current contract with contract-owner
key(s) of that revision's roster (countersign.dev/v3) and writes <name>-r<N>.contract.yaml and
<name>-r<N>.publication.json into DIR. The vendor's 'countersign verify --trust OWNER.pem'
accepts the contract only with that publication, until --not-after (at most 400 days away);
it then checks every other signature against the published roster. A revision is published
once; publish a new revision (e.g. one that revokes a key) before the old one runs out.
diff names what changed between revisions A and B; revert saves revision N's content as a new
revision, authored by --key. import-vap adds a Kubernetes ValidatingAdmissionPolicy's
validations as policies: saved as a new revision with --key, else the contract is printed.
export-vap prints a policy as a ValidatingAdmissionPolicy, or says why it cannot be one.
--contract is needed when the workspace holds several contracts.
${WS}

${EXIT}
`;

export const KEYS_HELP = `Usage:
  countersign keys create --name NAME             your personal Ed25519 key; prints its id
  countersign keys rotate KEYID [--name NAME] [--not-after TIME] [--retire-others] [--out DIR]
                                                  replace your key: new key, old one revoked
  countersign keys list [--format text|json]
  countersign keys export KEYID                   public key PEM on stdout
  countersign keys trust FILE.pem [--name NAME] [--role reviewer|vendor|contract-owner]
  countersign keys revoke KEYID

A key's private half is stored only encrypted with its passphrase (at least 12 characters).
KEYID is 'sha256:<hex>' or a unique hex prefix. trust adds a co-reviewer's (default) or a
vendor's public key. revoke applies to own and trusted keys: signatures stop counting from now.
A workspace holds ONE personal key: create refuses a second. rotate makes a new key, revokes
the old one and saves a new revision of every contract whose roster lists it (old entry
revoked, new entry with the same name, email and roles); where you are a contract-owner the
revision is published at once, signed by the new key, until the previous publication's end
(or --not-after), into DIR (default: the workspace's outbox). --retire-others also revokes
the extra keys of a workspace made before this rule. The new key's passphrase is asked twice,
or read from $COUNTERSIGN_NEW_PASSPHRASE.
${WS}
${PASS}

${EXIT}
`;

export const APPROVE_HELP = `Usage:
  countersign approve DIGEST --key KEYID [--comment TEXT] --out DIR
  countersign reject DIGEST --key KEYID --comment TEXT --out DIR

Signs a decision on a stored change set under the current contract revision (re-evaluated
from the stored files) and writes the envelope into DIR (<kind>-<digest12>.dsse.json),
together with the workspace: the file is staged in DIR first, then the decision recorded,
then the file put in place, so a run killed half-way is finished or undone by the next
approve, reject or exception command with the same --out DIR.
approve is refused (exit 1) while a blocking finding is not waived by a valid exception.
A rejection needs a comment saying why (--comment): the vendor reads it.
The change set becomes approved when the contract's quorum is reached, rejected at once.
${WS}
${PASS}

${EXIT}
`;

export const EXCEPTION_HELP = `Usage:
  countersign exception request DIGEST --policy ID (--resource ADDRESS | --pattern GLOB)...
                                       --justification TEXT --expires ISO-TIME --key KEYID
                                       --out DIR [--contract-wide] [--format text|json]
  countersign exception request DIGEST (--all-deny | [--policy ID]... [--severity S]... [--match GLOB])
                                       --justification TEXT --expires ISO-TIME --key KEYID
                                       --out DIR [--contract-wide] [--format text|json]
  countersign exception sign FILE --key KEYID --out DIR [--format text|json]

request signs an exception (exception/v2) waiving policy ID until ISO-TIME (at most the
contract's maxExceptionDays) for each --resource ADDRESS, which matches that exact address
only (brackets, quotes, * and ? in it are plain characters), and each --pattern GLOB, an
explicit glob (* and ? stay within one /-segment, ** crosses them, [abc], {a,b}). Both may be
repeated. It lists every finding of this change set the exception covers. With
--contract-wide it covers matching findings in any change set until it expires.
The second form is a batch: ONE exception listing the exact address of every waivable deny
finding of the change set (failed or errored, not waived yet; never mandatory or shadow)
selected by --all-deny, or by --policy, --severity and --match GLOB together (ANDed; GLOB
matches addresses with the contract's glob rules). The list is printed before the passphrase
is asked; more than 1000 findings are refused (split the batch).
sign checks every signature the file already carries (each must verify with a key this
workspace holds or trusts, unrevoked), refuses the file otherwise, then adds yours and writes
it to DIR under the same name. It counts once it has the contract's exceptionQuorum distinct
signatures.
${WS}
${PASS}

${EXIT}
`;

export const EXPORT_HELP = `Usage: countersign export DIGEST --dir DIR [--format text|json]

Writes into DIR exactly what the vendor's \`countersign verify\` needs for this change set under
the contract revision that judges it: the decisions that stand, the newest signed copy of each
exception in force, the contract file (*.contract.yaml) and its owner-signed publication. DIR
must not hold other attestation or contract files. A contract with a reviewer roster must be
published first. Then runs that verify here as the vendor will (only the publication's
contract owners trusted; without a roster, the reviewer keys) and prints the result with every
reason: exit 0 when it passes, 1 when the vendor's verify would refuse it.
${WS}

${EXIT}
`;

export const AUDIT_HELP = `Usage:
  countersign audit verify [--attestations PATH]   check the hash chain of the audit log
  countersign audit export [--output FILE]        the audit log as JSON lines

verify exits 1 naming the first broken entry (edited, deleted or reordered). With
--attestations (a file or folder of signed attestations this workspace made, e.g. the
outbox), it also fails when the audit head an attestation recorded at signing is missing
from the log or differs: the newest entries were deleted, or the log was replaced.
${WS}

${EXIT}
`;

export const VERIFY_HELP = `Usage: countersign verify --changeset BUNDLE --contract CONTRACT --attestations PATH
                          --trust FILE.pem [--trust FILE.pem...] [--publication FILE...]
                          [--vendor-key FILE.pem...] [--format text|json]
       countersign verify --drift PATH --trust FILE.pem [--trust FILE.pem...] [--format text|json]
       countersign verify --evidence DIR --changeset BUNDLE --trust FILE.pem [--trust FILE.pem...]

Re-evaluates the change set under the contract now and checks the attestations (PATH is a
file, or a folder of *.dsse.json / *.publication.json / *.intoto.jsonl files) against the
trusted public keys. Passes only when a quorum of valid approvals from trusted keys covers
this exact change set and contract, nobody trusted rejected it, and every blocking finding is
waived by a valid, unexpired exception. Needs no workspace.

A contract with a reviewer roster (countersign.dev/v3) needs its publication (among the
attestations, or --publication FILE) signed by a --trust key that the publication's roster
lists as an unrevoked contract-owner, with the file's exact roster, before its notAfter.
Then --trust is only the owners' keys: approvals count only from the roster's approvers,
exception signatures only from its exception-signers, never from a revoked entry.

The bundle's vendor release signatures (its signatures/ folder, see 'changeset sign') are
checked and reported: verified (by whom), unsigned, invalid (why) or untrusted. They count
from the roster's unrevoked vendor-release keys, or, for a contract without a roster, from
the --vendor-key public keys.

With --drift, checks the customer's drift acknowledgements instead (PATH: a file or a folder
of drift-acknowledgement-*.dsse.json, as the customer's outbox has them under _drift/<install>/):
each must be signed by a --trust key, unrevoked at its time, by the reviewer it names, for the
drift item it names. Lists each (acknowledged, or to be reverted by the vendor) with its note.

--evidence DIR reads an audit evidence bundle ('countersign report --evidence'): every file
must match the bundle's SHA256SUMS (none changed, added or missing), then the change set is
verified with the bundle's changesets/<12 hex>/contract.yaml and the attestations beside it.
--trust is still yours to give: obtain the contract owner's key from its owner (the bundle's
keys/ folder only tells you which fingerprint to expect).

Exit codes: 0 verified, 1 not verified (reasons listed with their codes), 2 bad input or
usage, 3 internal error.
`;

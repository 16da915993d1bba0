/** Help texts, kept together so they read as one manual. */

export const MAIN_HELP = `countersign: evaluate vendor change sets against your contract

Usage:
  countersign evaluate [options] INPUT...   evaluate a change set; exit 0 pass, 1 blocked or needs approval
  countersign test [CONTRACT|DIR]           run policy tests (default: the built-in packs)
  countersign fleet --contracts DIR RELEASE...   one release against every install's contract; exit 1 if any blocks
  countersign fleet merge SHARD.json...     combine the JSON of --shard runs into one matrix
  countersign verify --changeset BUNDLE --contract CONTRACT --attestations PATH --trust KEY.pem...
                                            check signed approvals/exceptions before applying a release
Workspace (--workspace PATH or $COUNTERSIGN_WORKSPACE):
  countersign workspace init                create the workspace file
  countersign changeset import|list|show    store change sets and see their verdicts
  countersign contract import|export|revisions
  countersign keys create|list|export|trust|revoke|rotate
  countersign approve|reject DIGEST --key KEYID --out DIR
  countersign withdraw DIGEST --key KEYID --reason TEXT --out DIR   withdraw your own decision
  countersign exception request|sign ...    signed, time-limited waivers of deny findings
  countersign export DIGEST --dir DIR        what the vendor's verify needs, then that verify run here
  countersign request export|import         send a change set for co-signature, receive one
  countersign attestations import FILE...   signed files back from co-reviewers
  countersign audit verify|export           the hash-chained audit log
  countersign drift --install X SNAPSHOT... drift of an install since its last approved change set;
                                            exit 0 none or acknowledged, 1 unacknowledged drift
  countersign report --changeset D --format F   audit reports, also per period (--install X --since DATE)
  countersign --version                     print the version
  countersign <command> --help              help for one command

Exit codes: 0 pass, 1 blocked / needs approval / test failures, 2 bad input or usage, 3 internal error.
Set COUNTERSIGN_DEBUG=1 to see stack traces of internal errors.
`;

export const EVALUATE_HELP = `Usage: countersign evaluate [options] INPUT...

Evaluates one change set against a contract and prints a report.
INPUT is a bundle (a folder, .tar.gz/.tgz or .zip with changeset.yaml), or one or more bare
files forming one change set: Terraform/OpenTofu plan JSON (terraform show -json), Kubernetes
YAML/JSON (kubectl, helm template output).

Options:
  -c, --contract FILE   the contract (default: extends the built-in baseline pack)
  -f, --format FORMAT   text (default), json, sarif or junit
  -o, --output FILE     write the report to FILE instead of stdout
      --at ISO-TIME     evaluation time, e.g. 2026-01-05T03:00:00Z
                        (default: the change set's plannedApplyAt, else now)
  -h, --help            show this help

Exit codes: 0 pass, 1 blocked or needs approval, 2 bad input or usage, 3 internal error.
`;

export const FLEET_HELP = `Usage: countersign fleet --contracts DIR|FILE [--contracts ...] [options] RELEASE...
       countersign fleet merge SHARD.json... [options]

Evaluates one release against many contracts, one per install, and prints a matrix: each
install's verdict and its blocking or needing-approval policies. The release is read once; each
distinct policy is compiled once and evaluated once per resource, whatever the number of
installs. Exceptions and approvals are not applied: a row is the contract's own verdict.

An install is named by its contract's metadata.install, else by the file name without
extension. A DIR contributes its *.yaml, *.yml and *.json files (not sub-folders, not
*.publication.json). Each contract's publication (<name>-r<N>.publication.json from
'countersign contract publish', in the same folder) is checked: signed, unsigned, stale
(notAfter passed) or bad-signature.

Options:
  -c, --contracts PATH  a contract file or a folder of them; repeatable
  -f, --format FORMAT   text (default), json (what 'fleet merge' reads) or html (one page, no requests)
  -o, --output FILE     write to FILE instead of stdout (also --out)
      --shard I/N       evaluate only shard I of N (installs in name order, dealt round-robin);
                        combine the shards' --format json with 'fleet merge'
      --at ISO-TIME     evaluation time (default: the release's plannedApplyAt, else now);
                        give every shard the same one
      --trust FILE.pem  a contract owner's public key: publications count only when signed by
                        one (default: each contract's own roster); repeatable
      --require-signed  exit 1 also when a contract is not signed (unsigned, stale, bad signature)
  -h, --help            show this help

Exit codes: 0 no install blocks, 1 an install blocks, 2 bad input or usage (nothing is printed),
3 internal error.
`;

export const FLEET_MERGE_HELP = `Usage: countersign fleet merge SHARD.json... [options]

Combines the JSON matrices of 'countersign fleet --shard I/N --format json' runs into the matrix
one unsharded run gives. Refuses shards of different releases, evaluation times, contract sets
or shard counts, a shard given twice or missing, and installs in two shards.

Options:
  -f, --format FORMAT   text (default), json or html
  -o, --output FILE     write to FILE instead of stdout (also --out)
      --require-signed  exit 1 also when a contract is not signed
  -h, --help            show this help

Exit codes: 0 no install blocks, 1 an install blocks, 2 bad input or usage, 3 internal error.
`;

export const TEST_HELP = `Usage: countersign test [CONTRACT|DIR] [--pack NAME]... [--own-only]

Runs the policies' own test cases (the tests: list in each policy) and prints PASS/FAIL per case,
under a "== pack NAME" heading per pack when more than one batch runs.
  (no argument)   every built-in pack under policies/
  CONTRACT        a contract file: its own policies (inline resource tests too; a v3 or later
                  contract's tests run with its parameter values, as the app runs them), then
                  the tests of every pack it extends, at the version it pins. A pinned version
                  older than this build's is frozen without tests: a NOTE says so (not a pass).
  DIR             a pack folder (policies/<pack>) or one policy folder (policies/<pack>/<id>)

Options:
  --pack NAME     only this pack's tests (repeatable): a built-in pack, or with CONTRACT one
                  of the packs it extends (its own policies are still tested)
  --own-only      with CONTRACT: its own policies only, no pack tests
  -h, --help      show this help

Exit codes: 0 all passed, 1 a test failed, 2 bad input (a policy that does not compile, an
input that does not load, an unknown --pack), 3 internal error.
`;

/** Help of the co-signing commands (issue 10): signing requests and received attestations. */
const WS = `Workspace: --workspace PATH or $COUNTERSIGN_WORKSPACE.`;
const EXIT = `Exit codes: 0 done, 2 bad input or usage (nothing stored), 3 internal error.`;

export const REQUEST_HELP = `Usage:
  countersign request export DIGEST [-o FILE] [--note TEXT] [--key KEYID] [--format text|json]
  countersign request import FILE [--format text|json]

export writes a signing request (docs/signing-request.md) for a stored change set: its files,
the published revision of the contract that judges it, and every pending exception and
decision with the signatures so far. Without -o it is written to the current folder as
<vendor>-<release>-<digest12>.countersign-request.json (owner-only). The contract must have a
roster and that revision must be published. --key names the requester (default: this
workspace's key the roster lists).
import reads a request from a co-reviewer as hostile input: the change set is rebuilt from
its files and must have the stated digest, the contract text must have the stated digest,
its publication must be signed by a key this workspace holds or trusts that the roster lists
as contract-owner, and every pending signature must verify under that roster. Then the
change set, the contract revision with its publication and the pending statements are
stored, all or nothing. Sign them with 'countersign exception sign' / 'approve' as usual.
${WS}

${EXIT}
`;

export const ATTESTATIONS_HELP = `Usage:
  countersign attestations import FILE... [--format text|json]

Imports signed files that came back from co-reviewers: exception copies (their signatures are
added to the exception), approvals and rejections by roster approvers, withdrawals, and
contract publications (recorded on the revision they publish). Every signature is verified
first; one bad file refuses them all, storing nothing.
${WS}

${EXIT}
`;

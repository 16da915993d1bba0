/** Help of `countersign withdraw` (issue 10); docs/cli.md is the long form. */
export const WITHDRAW_HELP = `Usage:
  countersign withdraw DIGEST --key KEYID --reason TEXT --out DIR [--decision PAYLOAD-DIGEST]

Withdraws your own standing approval or rejection of a stored change set: signs a
withdrawal (withdrawal/v1) naming that decision, with the reason (required: the vendor and
your co-reviewers read it), and writes it into DIR (withdrawal-<digest12>.dsse.json) together
with the workspace, as approve does. Decisions are final once the contract's quorum approves
(or anyone rejects) a change set: approve and reject are refused until a decision is
withdrawn. --decision names which one when you have several standing (its payload digest).
Only the person who made a decision can withdraw it (exit 1 otherwise). The change set goes
back to pending when it is no longer approved or rejected.
The workspace is --workspace PATH (-w), else $COUNTERSIGN_WORKSPACE (a file, or a folder
holding countersign.db).
Passphrases are read from $COUNTERSIGN_PASSPHRASE, else typed at the terminal (echo off);
never from the command line.

Exit codes: 0 ok, 1 policy outcome, 2 bad input or usage, 3 internal error.
`;

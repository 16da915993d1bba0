const FORMATS = 'html|pdf|json|sarif|junit';

export const REPORT_HELP = `Usage:
  countersign report --changeset DIGEST --format ${FORMATS} [--out FILE]
  countersign report --install NAME|--vendor NAME --since DATE [--until DATE] --format ${FORMATS} [--out FILE]
  countersign report --changeset DIGEST|--install … --evidence DIR [--chromium PATH]

An audit report for an auditor: the contract revision and digest with its publication's
signature status, the verdict and every finding with its location and explanation, the
exceptions with their signers, justification and expiry, the approvals with each signature's
verification status, drift and its acknowledgements, and the audit chain's status.

  --changeset DIGEST   one change set (a unique digest prefix is enough)
  --install NAME       the change sets received for this install in the period
  --vendor NAME        ... for this vendor (with --install: both must match)
  --since DATE         the period's start: YYYY-MM-DD (UTC) or an ISO-8601 time with a zone
  --until DATE         the period's end (default: now); a date includes that whole day
  --format F           html (self-contained, prints well), pdf, json (auditReportVersion 1,
                       docs/reports.md), sarif (2.1.0, one run per change set), junit
  --out FILE           write the report to FILE (required for pdf); otherwise stdout
  --chromium PATH      the Chromium that prints the PDF (else $COUNTERSIGN_CHROMIUM, else chromium,
                       google-chrome… on PATH); none: exit 2
  --evidence DIR       also write the evidence bundle into DIR (empty or new): the report (HTML,
                       JSON, PDF when a Chromium is there), the contract and its publication, every
                       attestation, the trusted keys, the audit head and SHA256SUMS; check it with
                       countersign verify --evidence DIR --changeset BUNDLE --trust OWNER.pem
  --workspace PATH     (-w) the workspace, else $COUNTERSIGN_WORKSPACE

Exit codes: 0 written, 2 bad input or usage, 3 internal error.
`;

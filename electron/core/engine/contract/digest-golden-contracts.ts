// Contracts of every apiVersion (v1–v5) whose digests are pinned in contract-digest.test.ts:
// the digest is what revisions, approvals and publications sign, so a faster way of computing
// it must give these exact bytes. Each one exercises a part of the digest input: pack pins,
// own policies (with and without path, shadow, controls), overrides, parameters, install,
// separation of duties, the vendor-signature rule and the standard-version option.
const OWN = `  policies:
    - id: own-no-public-bucket
      title: "No public bucket — ünïcödé \\ud83d\\ude00"
      severity: high
      enforcement: deny
      match: {sources: [terraform], types: [aws_s3_bucket]}
      condition: 'resource.after.acl != "public-read"'
      message: '"bucket " + resource.address + " is public"'
      path: after.acl
      tags: [s3, "z-last", "a-first"]
    - id: own-advisory
      title: Advisory
      severity: low
      enforcement: advisory
      match: {sources: [kubernetes]}
      condition: 'true'
`;

export const GOLDEN_CONTRACTS: readonly { readonly name: string; readonly text: string }[] = [
  { name: 'v1 bare baseline', text: 'apiVersion: countersign.dev/v1\nkind: Contract\nmetadata: {name: v1}\nspec:\n  extends: [baseline]\n' },
  { name: 'v1 own policies, overrides, parameters', text: `apiVersion: countersign.dev/v1\nkind: Contract\nmetadata: {name: v1-full, vendor: Acme}\nspec:\n  extends: [baseline]\n  overrides: {db-no-replace: {enforcement: advisory}}\n  parameters: {required-tags: {tags: [Owner, CostCenter]}}\n  approvals: {quorum: 2, exceptionQuorum: 1, maxExceptionDays: 30}\n${OWN}` },
  { name: 'v1 no packs', text: `apiVersion: countersign.dev/v1\nkind: Contract\nmetadata: {name: own-only}\nspec:\n${OWN}` },
  { name: 'v2 baseline 3', text: 'apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: v2}\nspec:\n  extends: [{pack: baseline, version: 3}]\n' },
  { name: 'v2 baseline 4 with overrides', text: `apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: v2-shadow}\nspec:\n  extends: [{pack: baseline, version: 4}]\n  overrides: {storage-encryption: {enforcement: approval}, db-no-replace: {enabled: false}}\n${OWN}` },
  { name: 'v3 install and roster', text: 'apiVersion: countersign.dev/v3\nkind: Contract\nmetadata: {name: v3, install: eu-west}\nroster: []\nspec:\n  extends: [{pack: baseline, version: 4}]\n  parameters: {elevated-access-approval: {maxDays: 7}}\n  overrides: {storage-encryption: {shadow: true}}\n' },
  { name: 'v3 cloud-hardening and baseline', text: 'apiVersion: countersign.dev/v3\nkind: Contract\nmetadata: {name: v3-cloud, install: "x\\u0000y"}\nspec:\n  extends: [{pack: baseline, version: 4}, {pack: cloud-hardening, version: 1}]\n' },
  { name: 'v4 vendor signature', text: 'apiVersion: countersign.dev/v4\nkind: Contract\nmetadata: {name: v4, install: x}\nspec:\n  extends: [{pack: baseline, version: 4}]\n  vendorSignature: required\n' },
  { name: 'v4 separation of duties', text: `apiVersion: countersign.dev/v4\nkind: Contract\nmetadata: {name: v4-sod, vendor: Acme, install: prod}\nspec:\n  extends: [{pack: baseline, version: 5}]\n  approvals: {quorum: 2, separationOfDuties: {requesterMayWaiveAlone: true, approverMaySignReliedExceptions: false}}\n${OWN}` },
  { name: 'v5 pss-restricted v1.30', text: 'apiVersion: countersign.dev/v5\nkind: Contract\nmetadata: {name: v5, install: k8s}\nspec:\n  extends: [{pack: pss-restricted, version: 1, standard: v1.30}]\n' },
  { name: 'v5 pss-baseline latest, own controls', text: `apiVersion: countersign.dev/v5\nkind: Contract\nmetadata: {name: v5-controls}\nspec:\n  extends: [{pack: pss-baseline, version: 1, standard: latest}, {pack: baseline, version: 5}]\n  policies:\n    - id: own-controlled\n      title: Controlled\n      severity: medium\n      enforcement: approval\n      controls: ["pss:baseline/privileged-containers"]\n      match: {sources: [kubernetes]}\n      condition: 'true'\n` },
];

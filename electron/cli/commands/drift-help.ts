export const DRIFT_HELP = `Usage: countersign drift --install INSTALL SNAPSHOT... [options]

Compares live snapshots of an install with what was approved, lists every drifted resource
with field-level differences, and evaluates the drifted resources' live state under the
contract (a console edit that opens a security group to 0.0.0.0/0 is a finding).
SNAPSHOT is one of:
  terraform show -json PLANFILE   of a refresh-only plan (terraform plan -refresh-only -out PLANFILE):
                                  its resource_drift
  terraform show -json            of the state: compared with the planned values of the install's
                                  last approved change set (needs the workspace)
  kubectl get -o yaml|json        of the vendor's namespaces (a List): compared with the last
                                  approved manifests (needs the workspace)
Rules: docs/drift.md. Sensitive values and Secret data are never shown.

Options:
      --install INSTALL    the install (as change sets name it in changeset.yaml)
  -w, --workspace PATH     the workspace (or $COUNTERSIGN_WORKSPACE): the last approved change set,
                           acknowledged drift, and the contract that judges the install
  -c, --contract FILE      judge under this contract instead (default: the workspace's, else
                           the built-in baseline)
  -n, --namespace NS       live Kubernetes: the namespace of approved objects that name none
      --vendor-manager NAME      live Kubernetes: a field manager of the vendor's pipeline,
                                 beside kubectl, helm, argocd and flux (repeatable)
      --controller-manager NAME  live Kubernetes: cluster automation whose changes to the fields
                                 automation manages are not open drift, beside
                                 kube-controller-manager, the VPA and the cluster autoscaler (repeatable)
  -f, --format FORMAT      text (default) or json
      --at ISO-TIME        evaluation time (default: now)
  -h, --help               show this help

Exit codes: 0 no drift, or only acknowledged drift; 1 unacknowledged drift (with or without
findings); 2 bad input or usage; 3 internal error.
`;

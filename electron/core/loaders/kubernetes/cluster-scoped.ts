/**
 * Kinds that live outside any namespace. Built-in Kubernetes kinds plus the cluster-wide kinds of
 * widely used add-ons (cert-manager, Gatekeeper, Kyverno, Istio, Argo, snapshot and metrics APIs).
 * An unknown custom kind is treated as namespaced, which only affects how its address is written.
 * Kinds whose scope differs between projects (Flux's namespaced `Provider` vs Crossplane's) are left out.
 */
const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  // core / built-in API groups
  'Namespace', 'Node', 'PersistentVolume', 'ComponentStatus',
  'ClusterRole', 'ClusterRoleBinding',
  'CustomResourceDefinition', 'APIService',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  'StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'VolumeAttributesClass',
  'PriorityClass', 'IngressClass', 'RuntimeClass',
  'PodSecurityPolicy', 'CertificateSigningRequest',
  'FlowSchema', 'PriorityLevelConfiguration',
  'TokenReview', 'SelfSubjectReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview',
  'DeviceClass', 'ResourceSlice', 'IPAddress', 'ServiceCIDR', 'StorageVersion', 'StorageVersionMigration',
  // external-snapshotter, metrics
  'VolumeSnapshotClass', 'VolumeSnapshotContent', 'NodeMetrics',
  // cert-manager
  'ClusterIssuer',
  // Gatekeeper / Kyverno / policy
  'ConstraintTemplate', 'ClusterPolicy', 'ClusterPolicyReport', 'ClusterAdmissionReport', 'ClusterCleanupPolicy',
  'ClusterEphemeralReport', 'ClusterBackgroundScanReport',
  // Gateway API, Argo, Karpenter, Crossplane, Istio
  'GatewayClass', 'ClusterWorkflowTemplate', 'NodePool', 'NodeClass', 'EC2NodeClass',
  'CompositeResourceDefinition', 'Composition',
  'ClusterServingRuntime', 'ClusterTriggerAuthentication', 'ClusterSecretStore', 'ClusterExternalSecret',
]);

export function isClusterScopedKind(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}

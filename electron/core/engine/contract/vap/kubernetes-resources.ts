/**
 * Built-in Kubernetes resources: API group, plural resource name (what admission rules name)
 * and kind (what a Countersign policy's `match.types` names). A custom resource's kind cannot
 * be told from its plural, so a rule naming one is refused rather than guessed: a wrong guess
 * would match nothing, and a policy that matches nothing allows everything.
 */
export interface KubernetesResource {
  readonly group: string;
  readonly resource: string;
  readonly kind: string;
}

const TABLE: readonly (readonly [group: string, resource: string, kind: string])[] = [
  ['', 'pods', 'Pod'], ['', 'services', 'Service'], ['', 'configmaps', 'ConfigMap'], ['', 'secrets', 'Secret'],
  ['', 'namespaces', 'Namespace'], ['', 'serviceaccounts', 'ServiceAccount'], ['', 'persistentvolumeclaims', 'PersistentVolumeClaim'],
  ['', 'persistentvolumes', 'PersistentVolume'], ['', 'replicationcontrollers', 'ReplicationController'], ['', 'nodes', 'Node'],
  ['', 'endpoints', 'Endpoints'], ['', 'limitranges', 'LimitRange'], ['', 'resourcequotas', 'ResourceQuota'], ['', 'podtemplates', 'PodTemplate'],
  ['apps', 'deployments', 'Deployment'], ['apps', 'statefulsets', 'StatefulSet'], ['apps', 'daemonsets', 'DaemonSet'],
  ['apps', 'replicasets', 'ReplicaSet'], ['apps', 'controllerrevisions', 'ControllerRevision'],
  ['batch', 'jobs', 'Job'], ['batch', 'cronjobs', 'CronJob'],
  ['networking.k8s.io', 'ingresses', 'Ingress'], ['networking.k8s.io', 'networkpolicies', 'NetworkPolicy'], ['networking.k8s.io', 'ingressclasses', 'IngressClass'],
  ['rbac.authorization.k8s.io', 'roles', 'Role'], ['rbac.authorization.k8s.io', 'rolebindings', 'RoleBinding'],
  ['rbac.authorization.k8s.io', 'clusterroles', 'ClusterRole'], ['rbac.authorization.k8s.io', 'clusterrolebindings', 'ClusterRoleBinding'],
  ['policy', 'poddisruptionbudgets', 'PodDisruptionBudget'], ['autoscaling', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler'],
  ['storage.k8s.io', 'storageclasses', 'StorageClass'], ['scheduling.k8s.io', 'priorityclasses', 'PriorityClass'],
  ['discovery.k8s.io', 'endpointslices', 'EndpointSlice'], ['coordination.k8s.io', 'leases', 'Lease'],
  ['apiextensions.k8s.io', 'customresourcedefinitions', 'CustomResourceDefinition'],
  ['admissionregistration.k8s.io', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration'],
  ['admissionregistration.k8s.io', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration'],
  ['admissionregistration.k8s.io', 'validatingadmissionpolicies', 'ValidatingAdmissionPolicy'],
  ['admissionregistration.k8s.io', 'validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding'],
];

/** The built-in kinds above that are cluster-scoped (no namespace). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'PersistentVolume', 'Node', 'IngressClass', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PriorityClass',
  'CustomResourceDefinition', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
]);

export const KUBERNETES_RESOURCES: readonly KubernetesResource[] = TABLE.map(([group, resource, kind]) => ({ group, resource, kind }));

/** The built-in resources a rule's apiGroups × resources name ('*' in apiGroups: any group). */
export function resourcesNamed(apiGroups: readonly string[], resource: string): readonly KubernetesResource[] {
  return KUBERNETES_RESOURCES.filter((r) => r.resource === resource && (apiGroups.includes('*') || apiGroups.includes(r.group)));
}

export function resourceOfKind(kind: string): KubernetesResource | undefined {
  return KUBERNETES_RESOURCES.find((r) => r.kind === kind);
}

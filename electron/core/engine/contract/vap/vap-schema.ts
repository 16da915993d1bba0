import { z } from 'zod';

/**
 * The fields of admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy (and its Binding)
 * that an import reads, as the Kubernetes API reference defines them
 * (https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/validating-admission-policy-v1/).
 * Strict: a field this build does not know is refused, never skipped, since it could narrow
 * or widen what the policy means.
 */
const strings = z.array(z.string().max(1000)).max(1000);
const labelSelector = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z.array(z.strictObject({ key: z.string(), operator: z.string(), values: strings.optional() })).optional(),
});
const namedExpression = z.strictObject({ name: z.string().min(1).max(253), expression: z.string().min(1).max(100_000) });

export const resourceRuleSchema = z.strictObject({
  apiGroups: strings.optional(),
  apiVersions: strings.optional(),
  operations: strings.optional(),
  resources: strings.optional(),
  resourceNames: strings.optional(),
  scope: z.string().optional(),
});
export type ResourceRule = z.infer<typeof resourceRuleSchema>;

export const vapSchema = z.strictObject({
  apiVersion: z.literal('admissionregistration.k8s.io/v1'),
  kind: z.literal('ValidatingAdmissionPolicy'),
  metadata: z.object({ name: z.string().min(1).max(253) }).passthrough(),
  spec: z.strictObject({
    paramKind: z.strictObject({ apiVersion: z.string(), kind: z.string() }).optional(),
    matchConstraints: z.strictObject({
      resourceRules: z.array(resourceRuleSchema).max(100).optional(),
      excludeResourceRules: z.array(resourceRuleSchema).max(100).optional(),
      namespaceSelector: labelSelector.optional(),
      objectSelector: labelSelector.optional(),
      matchPolicy: z.enum(['Exact', 'Equivalent']).optional(),
    }).optional(),
    validations: z.array(z.strictObject({
      expression: z.string().min(1).max(100_000),
      message: z.string().max(10_000).optional(),
      messageExpression: z.string().max(100_000).optional(),
      reason: z.string().max(100).optional(),
    })).max(100).optional(),
    failurePolicy: z.enum(['Fail', 'Ignore']).optional(),
    auditAnnotations: z.array(z.strictObject({ key: z.string(), valueExpression: z.string() })).optional(),
    matchConditions: z.array(namedExpression).max(64).optional(),
    variables: z.array(namedExpression).max(100).optional(),
  }),
});
export type Vap = z.infer<typeof vapSchema>;

export const vapBindingSchema = z.object({
  apiVersion: z.literal('admissionregistration.k8s.io/v1'),
  kind: z.literal('ValidatingAdmissionPolicyBinding'),
  metadata: z.object({ name: z.string() }).passthrough(),
  spec: z.object({
    policyName: z.string(),
    validationActions: z.array(z.enum(['Deny', 'Warn', 'Audit'])).min(1),
  }).passthrough(),
});
export type VapBinding = z.infer<typeof vapBindingSchema>;

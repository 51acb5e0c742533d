/*
 * PolicyReport results as the cluster's policy engines write them: wgpolicyk8s.io v1alpha2
 * (Kyverno's CRD) and v1beta1 (the working group's reference CRD, which adds a top-level source),
 * and openreports.io/v1alpha1 Report, their follow-on with the same JSON fields. Namespaced and
 * cluster-scoped kinds alike. v1alpha1 (status instead of result) is not read.
 */
import { z } from 'zod';
import { objectMetaSchema } from '../objects/schemas';

export const POLICY_REPORT_API_VERSIONS = [
  'wgpolicyk8s.io/v1alpha2',
  'wgpolicyk8s.io/v1beta1',
  'openreports.io/v1alpha1',
] as const;

const objectReference = z.object({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string().optional(),
  uid: z.string().optional(),
});

export const policyReportResultSchema = z.object({
  policy: z.string(),
  rule: z.string().optional(),
  category: z.string().optional(),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']).optional(),
  result: z.enum(['pass', 'fail', 'warn', 'error', 'skip']).optional(),
  scored: z.boolean().optional(),
  source: z.string().optional(),
  message: z.string().optional(),
  resources: z.array(objectReference).optional(),
});

export const policyReportSchema = z.object({
  apiVersion: z.enum(POLICY_REPORT_API_VERSIONS),
  kind: z.enum([
    'PolicyReport',
    'ClusterPolicyReport',
    'Report',
    'ClusterReport',
  ]),
  metadata: objectMetaSchema,
  scope: objectReference.optional(),
  source: z.string().optional(),
  results: z.array(policyReportResultSchema).default([]),
});

export type PolicyReportResult = z.infer<typeof policyReportResultSchema>;
export type PolicyReport = z.infer<typeof policyReportSchema>;

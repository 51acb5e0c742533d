/*
 * The fields the checks read, as zod schemas over objects as the Kubernetes API returns them (list
 * items carry no kind, so the lists are keyed by kind). Unknown fields are dropped; every field
 * but metadata.name is optional, as the API allows.
 */
import { z } from 'zod';

const stringMap = z.record(z.string(), z.string());

export const objectMetaSchema = z.object({
  name: z.string().min(1),
  namespace: z.string().optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  ownerReferences: z
    .array(
      z.object({
        apiVersion: z.string(),
        kind: z.string(),
        name: z.string(),
        controller: z.boolean().optional(),
      }),
    )
    .optional(),
});

export const labelSelectorSchema = z.object({
  matchLabels: stringMap.optional(),
  matchExpressions: z
    .array(
      z.object({
        key: z.string(),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

const quantities = z.record(z.string(), z.union([z.string(), z.number()]));

const probeSchema = z.object({
  httpGet: z.object({}).optional(),
  tcpSocket: z.object({}).optional(),
  exec: z.object({}).optional(),
  grpc: z.object({}).optional(),
});

const runAs = {
  runAsNonRoot: z.boolean().optional(),
  runAsUser: z.number().int().optional(),
};

const secretRef = z.object({ name: z.string().optional() });

export const containerSchema = z.object({
  name: z.string(),
  image: z.string().optional(),
  resources: z
    .object({ requests: quantities.optional(), limits: quantities.optional() })
    .optional(),
  readinessProbe: probeSchema.optional(),
  livenessProbe: probeSchema.optional(),
  securityContext: z.object(runAs).optional(),
  env: z
    .array(
      z.object({
        name: z.string(),
        valueFrom: z.object({ secretKeyRef: secretRef.optional() }).optional(),
      }),
    )
    .optional(),
  envFrom: z.array(z.object({ secretRef: secretRef.optional() })).optional(),
});

export const podSpecSchema = z.object({
  containers: z.array(containerSchema),
  initContainers: z.array(containerSchema).optional(),
  securityContext: z.object(runAs).optional(),
  volumes: z
    .array(
      z.object({
        name: z.string(),
        secret: z.object({ secretName: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  imagePullSecrets: z.array(secretRef).optional(),
});

export const workloadSchema = z.object({
  metadata: objectMetaSchema,
  spec: z.object({
    replicas: z.number().int().optional(),
    selector: labelSelectorSchema.optional(),
    template: z.object({
      metadata: z.object({ labels: stringMap.optional() }).optional(),
      spec: podSpecSchema,
    }),
  }),
});

export const serviceSchema = z.object({
  metadata: objectMetaSchema,
  spec: z.object({ selector: stringMap.optional() }).optional(),
});

export const networkPolicySchema = z.object({
  metadata: objectMetaSchema,
  spec: z.object({ podSelector: labelSelectorSchema }),
});

/** A Secret's metadata is enough (`type` when the list was not metadata-only). */
export const secretSchema = z.object({
  metadata: objectMetaSchema,
  type: z.string().optional(),
});

export const externalSecretSchema = z.object({
  metadata: objectMetaSchema,
  spec: z
    .object({ target: z.object({ name: z.string().optional() }).optional() })
    .optional(),
});

export const podDisruptionBudgetSchema = z.object({
  metadata: objectMetaSchema,
  spec: z.object({ selector: labelSelectorSchema.optional() }).optional(),
});

export const horizontalPodAutoscalerSchema = z.object({
  metadata: objectMetaSchema,
  spec: z.object({
    scaleTargetRef: z.object({ kind: z.string(), name: z.string() }),
    minReplicas: z.number().int().optional(),
    maxReplicas: z.number().int(),
  }),
});

const list = <T extends z.ZodTypeAny>(item: T) => z.array(item).default([]);

/** The objects of one service's namespaces, each list as the API lists that kind. */
export const serviceObjectsSchema = z.object({
  deployments: list(workloadSchema),
  statefulSets: list(workloadSchema),
  services: list(serviceSchema),
  networkPolicies: list(networkPolicySchema),
  secrets: list(secretSchema),
  externalSecrets: list(externalSecretSchema),
  podDisruptionBudgets: list(podDisruptionBudgetSchema),
  horizontalPodAutoscalers: list(horizontalPodAutoscalerSchema),
});

export type ObjectMeta = z.infer<typeof objectMetaSchema>;
export type LabelSelector = z.infer<typeof labelSelectorSchema>;
export type Container = z.infer<typeof containerSchema>;
export type PodSpec = z.infer<typeof podSpecSchema>;
export type WorkloadObject = z.infer<typeof workloadSchema>;
export type ServiceObjects = z.infer<typeof serviceObjectsSchema>;
/** What callers pass: any list may be left out. */
export type ServiceObjectsInput = z.input<typeof serviceObjectsSchema>;

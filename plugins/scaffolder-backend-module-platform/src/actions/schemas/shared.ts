/*
 * zod schemas reused by several actions' inputs and outputs.
 */
import { z } from 'zod/v3';
import {
  envVarName,
  remoteKey,
  remoteProperty,
  serviceName,
} from '../../validation/fields';

export const trafficSchema = z
  .enum(['low', 'medium', 'high'])
  .describe(
    'Expected traffic: sets replicas, requests/limits, HPA bounds and quota',
  );

export const storageSchema = z
  .enum(['none', 'postgresql', 'object-storage'])
  .describe(
    'Storage the service needs; its credentials become an ExternalSecret',
  );

/** A container or ingress port (unprivileged). */
export const portSchema = z.number().int().min(1024).max(65535).default(8080);

/** The service directory of a single-manifest action; it defaults to the namespace. */
export const serviceDirSchema = serviceName().optional();

export const secretDataSchema = z
  .object({
    secretKey: envVarName().describe(
      'Key in the Kubernetes Secret (and env var name in the Deployment)',
    ),
    remoteKey: remoteKey().describe(
      'Name of the key among the service\'s keys, e.g. "stripe": it is put under <remoteKeyPrefix>/<team>/<service>/ (a key under any other prefix is refused)',
    ),
    property: remoteProperty()
      .optional()
      .describe('Property of the remote secret value (JSON key)'),
  })
  .strict();

/** Output shape shared by every manifest-building action. */
export const manifestOutputs = {
  files: z
    .record(z.string())
    .describe(
      'GitOps repository path → YAML text, ready for portico:gitops:commit',
    ),
  objects: z
    .array(z.record(z.unknown()))
    .describe('The Kubernetes objects, in apply order'),
};

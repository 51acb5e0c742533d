/*
 * Input and output schemas of the single-manifest actions: portico:namespace:create,
 * portico:argocd:application and portico:external-secret:create.
 */
import { z } from 'zod/v3';
import {
  dnsLabel,
  dnsSubdomain,
  duration,
  groupRef,
  serviceName,
} from '../../validation/fields';
import {
  manifestOutputs,
  portSchema,
  secretDataSchema,
  serviceDirSchema,
  trafficSchema,
} from './shared';

/** portico:namespace:create */
export const namespaceInput = z
  .object({
    name: dnsLabel().describe('Namespace name'),
    owner: groupRef().describe('Owning team; its group gets the RoleBinding'),
    service: serviceDirSchema.describe(
      'Service directory in the GitOps repository; default: the namespace name',
    ),
    traffic: trafficSchema.default('low'),
    port: portSchema.describe('Port the ingress controller may reach'),
  })
  .strict();

/** portico:argocd:application */
export const argocdApplicationInput = z
  .object({
    name: serviceName().describe('Application (and service) name'),
    owner: groupRef().describe('Owning team (label on the Application)'),
    namespace: dnsLabel()
      .optional()
      .describe(
        "Destination namespace (one of the service's namespaces); default: name",
      ),
  })
  .strict();

/** portico:external-secret:create */
export const externalSecretInput = z
  .object({
    name: dnsSubdomain().describe('ExternalSecret name'),
    namespace: dnsLabel().describe('Namespace of the ExternalSecret'),
    service: serviceDirSchema.describe(
      'Service directory in the GitOps repository; default: the namespace',
    ),
    owner: groupRef().describe(
      'Owning team: its name is part of every key (<remoteKeyPrefix>/<team>/<service>/)',
    ),
    targetName: dnsSubdomain()
      .optional()
      .describe('Name of the Kubernetes Secret to create; default: name'),
    refreshInterval: duration()
      .default('1h')
      .describe('How often ESO re-reads the store'),
    data: z
      .array(secretDataSchema)
      .min(1, 'at least one entry')
      .max(50, 'at most 50 entries')
      .describe('Secret keys and where each comes from in the store'),
  })
  .strict();
export const externalSecretOutput = z.object({
  ...manifestOutputs,
  storeChecked: z
    .boolean()
    .describe('true when the store was found in the configured cluster'),
});

import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type {
  ProvisioningRunDetail,
  TriggerRunRequest,
  TriggerRunResponse,
} from '@internal/plugin-provisioning-common';

/** The provisioning API as the action uses it, on behalf of the task's initiator. */
export interface ProvisioningClient {
  trigger(
    request: TriggerRunRequest,
    onBehalfOf: BackstageCredentials,
  ): Promise<TriggerRunResponse>;
  getRun(
    runId: string,
    onBehalfOf: BackstageCredentials,
  ): Promise<ProvisioningRunDetail>;
}

async function failure(res: Response, what: string): Promise<Error> {
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = await res.json();
    if (typeof body?.error?.message === 'string') message = body.error.message;
  } catch {
    // not JSON: keep the status line
  }
  return new Error(`${what} failed: ${message}`);
}

/** Calls `provisioning-backend` through discovery with a token for the initiator. */
export function createProvisioningClient(deps: {
  auth: AuthService;
  discovery: DiscoveryService;
}): ProvisioningClient {
  const call = async (
    onBehalfOf: BackstageCredentials,
    path: string,
    init?: RequestInit,
  ) => {
    const { token } = await deps.auth.getPluginRequestToken({
      onBehalfOf,
      targetPluginId: 'provisioning',
    });
    const base = await deps.discovery.getBaseUrl('provisioning');
    return fetch(`${base}${path}`, {
      ...init,
      headers: {
        ...(init?.body ? { 'content-type': 'application/json' } : {}),
        authorization: `Bearer ${token}`,
      },
    });
  };
  return {
    async trigger(request, onBehalfOf) {
      const res = await call(onBehalfOf, '/runs', {
        method: 'POST',
        body: JSON.stringify(request),
      });
      if (!res.ok) throw await failure(res, 'Starting the provisioning run');
      return res.json();
    },
    async getRun(runId, onBehalfOf) {
      const res = await call(onBehalfOf, `/runs/${encodeURIComponent(runId)}`);
      if (!res.ok)
        throw await failure(res, `Reading provisioning run ${runId}`);
      return res.json();
    },
  };
}

import { CoreV1Api, type V1Secret } from '@kubernetes/client-node';
import { kubeConfigFor } from '@internal/plugin-portico-node';
import {
  CALLBACK_TOKEN_SECRET_KEY,
  callbackTokenSecretName,
  type WebhookRunPayload,
} from '@internal/plugin-provisioning-common';
import type { CallbackSecretConfig } from '../config/ProvisioningConfig';

/** Label on every callback token Secret the portal writes. */
export const CALLBACK_SECRET_LABELS = {
  'app.kubernetes.io/managed-by': 'portico-provisioning',
  'app.kubernetes.io/component': 'callback-token',
};

/** How a run's callback token reaches the workflow. */
export interface CallbackTokenDelivery {
  /**
   * Puts a new attempt's token where the workflow reads it, replacing the previous attempt's
   * (which the store has revoked), and returns the payload fields that tell the workflow where.
   */
  deliver(
    runId: string,
    token: string,
    expiresAt: Date,
  ): Promise<Pick<WebhookRunPayload, 'callbackToken' | 'callbackTokenSecret'>>;
  /** Removes the token once the run has ended or its token expired (idempotent). */
  remove(runId: string): Promise<void>;
}

/** Local development only (the webhook harness has no cluster): the token rides in the payload. */
export class PayloadTokenDelivery implements CallbackTokenDelivery {
  async deliver(_runId: string, token: string) {
    return { callbackToken: token };
  }

  async remove() {}
}

function statusOf(error: unknown): number | undefined {
  const e = error as { code?: number; statusCode?: number };
  return e?.code ?? e?.statusCode;
}

/**
 * Writes each run's callback token into the Secret `portico-run-<runId>` of the workflows'
 * namespace, through the Kubernetes API with the portal's own service account (which may only
 * create, update and delete Secrets there, and only these: deploy/argo-events). The workflow's
 * report step reads it with `secretKeyRef`, so the token is in no Workflow parameter, no event
 * and no log. Every attempt overwrites the Secret; it is deleted when the run ends.
 */
export class KubernetesSecretTokenDelivery implements CallbackTokenDelivery {
  private readonly api: CoreV1Api;

  constructor(private readonly config: CallbackSecretConfig) {
    const kc = kubeConfigFor(config.kubernetes);
    this.api = kc.makeApiClient(CoreV1Api);
  }

  async deliver(runId: string, token: string, expiresAt: Date) {
    const { namespace } = this.config;
    const name = callbackTokenSecretName(runId);
    const body: V1Secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name,
        namespace,
        labels: {
          ...CALLBACK_SECRET_LABELS,
          'portico.io/provisioning-run': runId,
        },
        annotations: { 'portico.io/expires-at': expiresAt.toISOString() },
      },
      type: 'Opaque',
      data: {
        [CALLBACK_TOKEN_SECRET_KEY]: Buffer.from(token, 'utf8').toString(
          'base64',
        ),
      },
    };
    try {
      await this.api.createNamespacedSecret({ namespace, body });
    } catch (error) {
      if (statusOf(error) !== 409) throw describe(error, 'create');
      try {
        await this.api.replaceNamespacedSecret({ name, namespace, body });
      } catch (again) {
        throw describe(again, 'replace');
      }
    }
    return {
      callbackTokenSecret: { namespace, name, key: CALLBACK_TOKEN_SECRET_KEY },
    };
  }

  async remove(runId: string) {
    try {
      await this.api.deleteNamespacedSecret({
        name: callbackTokenSecretName(runId),
        namespace: this.config.namespace,
      });
    } catch (error) {
      if (statusOf(error) !== 404) throw describe(error, 'delete');
    }
  }
}

/** An error that says what failed without the request (so without the token). */
function describe(error: unknown, verb: string): Error {
  const code = statusOf(error);
  // A client-side error (connection, TLS) says what went wrong; it holds no request data.
  const detail = code
    ? ` (Kubernetes answered ${code})`
    : `: ${String((error as Error)?.message ?? error).slice(0, 200)}`;
  return new Error(`could not ${verb} the callback token Secret${detail}`);
}

/** The delivery `provisioning.callback.tokenDelivery` asks for. */
export function createCallbackTokenDelivery(options: {
  tokenDelivery: 'secret' | 'payload';
  callbackSecret: CallbackSecretConfig;
}): CallbackTokenDelivery {
  return options.tokenDelivery === 'payload'
    ? new PayloadTokenDelivery()
    : new KubernetesSecretTokenDelivery(options.callbackSecret);
}

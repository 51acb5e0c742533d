/*
 * A fake kube-apiserver holding what the service-health reader lists: apps/v1 Deployments,
 * StatefulSets and ReplicaSets, NetworkPolicies, PodDisruptionBudgets, HorizontalPodAutoscalers,
 * ExternalSecrets, trivy-operator's VulnerabilityReports and policy engines' PolicyReports. Served as the API server
 * lists namespaced objects (`GET /apis/<group>/<version>/namespaces/<ns>/<plural>` -> a `<Kind>List`
 * with the items), with bearer-token checks and meta/v1 Status errors from portico-node's plumbing.
 * A resource the test marks as not installed answers 404, as when its CRD is absent.
 */
import {
  type FakeApiServer,
  notServed,
  startFakeApiServer,
  statusReply,
} from '@internal/plugin-portico-node/testUtils';

export interface FakeCluster extends FakeApiServer {
  /** Adds (or replaces, by kind/namespace/name) an object. */
  put(object: FakeObject): void;
  /** Makes a resource (`vulnerabilityreports.aquasecurity.github.io`) answer 404 or be served again. */
  setInstalled(resource: string, installed: boolean): void;
  /** Makes every list answer 500 (or stop doing so). */
  setFailing(failing: boolean): void;
}

export interface FakeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** plural per kind, for the kinds the fake serves. */
const PLURALS: Record<string, string> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  ReplicaSet: 'replicasets',
  VulnerabilityReport: 'vulnerabilityreports',
  NetworkPolicy: 'networkpolicies',
  PodDisruptionBudget: 'poddisruptionbudgets',
  HorizontalPodAutoscaler: 'horizontalpodautoscalers',
  ExternalSecret: 'externalsecrets',
  PolicyReport: 'policyreports',
  Report: 'reports',
};

const LIST_PATH = /^\/apis\/([^/]+)\/([^/]+)\/namespaces\/([^/]+)\/([^/]+)$/;

export async function startFakeCluster(
  options: { token?: string } = {},
): Promise<FakeCluster> {
  const objects = new Map<string, FakeObject>();
  const notInstalled = new Set<string>();
  let failing = false;
  let resourceVersion = 1000;
  const api = await startFakeApiServer({
    token: options.token ?? 'fake-cluster-token',
    handle: (req, url) => {
      const m = LIST_PATH.exec(url.pathname);
      if (req.method !== 'GET' || !m) return notServed();
      const [, group, version, namespace, plural] = m;
      const apiVersion = `${group}/${version}`;
      if (notInstalled.has(`${plural}.${group}`)) return notServed();
      if (failing) {
        return statusReply(
          500,
          'InternalError',
          'etcdserver: request timed out',
        );
      }
      const items = [...objects.values()].filter(
        o =>
          o.apiVersion === apiVersion &&
          PLURALS[o.kind] === plural &&
          o.metadata.namespace === namespace,
      );
      const kind = Object.keys(PLURALS).find(k => PLURALS[k] === plural);
      if (!kind) return notServed();
      return {
        status: 200,
        body: {
          apiVersion,
          kind: `${kind}List`,
          metadata: { resourceVersion: String(resourceVersion) },
          items,
        },
      };
    },
  });
  return {
    ...api,
    put(object) {
      if (!PLURALS[object.kind]) {
        throw new Error(`the fake cluster does not serve ${object.kind}`);
      }
      resourceVersion += 1;
      const { namespace, name } = object.metadata;
      objects.set(`${object.kind}/${namespace}/${name}`, {
        ...object,
        metadata: {
          ...object.metadata,
          resourceVersion: String(resourceVersion),
        },
      });
    },
    setInstalled(resource, installed) {
      if (installed) notInstalled.delete(resource);
      else notInstalled.add(resource);
    },
    setFailing(f) {
      failing = f;
    },
  };
}

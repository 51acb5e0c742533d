import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { TEAM_LABEL } from '../teams/teamLabels';
import {
  NamespaceOwnership,
  TeamNamespacesService,
} from './TeamNamespacesService';

export interface KubernetesTeamNamespacesOptions {
  /** API server URL; undefined: the in-cluster service account. */
  url?: string;
  token?: string;
  caData?: string;
  skipTLSVerify?: boolean;
  /** How long a team's list and a namespace's owner are reused. */
  cacheMillis: number;
  /** Most teams and namespaces remembered (the cache is bounded). */
  maxEntries?: number;
}

const TEAM_VALUE = /^[a-z0-9]([-a-z0-9_.]{0,61}[a-z0-9])?$/;

/** Lists Namespaces labelled `portico.io/team=<team>` through the Kubernetes API. */
export class KubernetesTeamNamespaces implements TeamNamespacesService {
  private readonly api: CoreV1Api;
  private readonly cache = new Map<string, { at: number; value: unknown }>();
  private readonly maxEntries: number;

  constructor(private readonly options: KubernetesTeamNamespacesOptions) {
    const kc = new KubeConfig();
    if (options.url) {
      kc.loadFromOptions({
        clusters: [
          {
            name: 'portico',
            server: options.url,
            caData: options.caData,
            skipTLSVerify: options.skipTLSVerify ?? false,
          },
        ],
        users: [{ name: 'portico', token: options.token }],
        contexts: [{ name: 'portico', cluster: 'portico', user: 'portico' }],
        currentContext: 'portico',
      });
    } else {
      kc.loadFromCluster();
    }
    this.api = kc.makeApiClient(CoreV1Api);
    this.maxEntries = options.maxEntries ?? 2000;
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.options.cacheMillis) {
      return hit.value as T;
    }
    const value = await load();
    this.cache.delete(key);
    this.cache.set(key, { at: Date.now(), value });
    while (this.cache.size > this.maxEntries) {
      this.cache.delete(this.cache.keys().next().value as string);
    }
    return value;
  }

  async namespacesOf(team: string): Promise<string[]> {
    if (!TEAM_VALUE.test(team)) {
      return [];
    }
    return this.cached(`team:${team}`, async () => {
      const list = await this.api.listNamespace({
        labelSelector: `${TEAM_LABEL}=${team}`,
      });
      return list.items
        .map(item => item.metadata?.name)
        .filter((name): name is string => Boolean(name))
        .sort();
    });
  }

  async ownerOf(namespace: string): Promise<NamespaceOwnership> {
    return this.cached(`ns:${namespace}`, async () => {
      try {
        const object = await this.api.readNamespace({ name: namespace });
        return { exists: true, team: object.metadata?.labels?.[TEAM_LABEL] };
      } catch (error) {
        if ((error as { code?: number }).code === 404) {
          return { exists: false };
        }
        throw error;
      }
    });
  }
}

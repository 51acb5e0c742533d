import { randomBytes } from 'node:crypto';
import {
  FakeArgoCd,
  type FakeAppSpec,
} from '@internal/plugin-argocd-backend/testUtils';
import { LOCAL_PORTS } from '../ports';
import type {
  LocalArgocd,
  PeerContext,
  PeerStarter,
  StartedPeer,
} from '../types';
import { ARGOCD_INSTANCES, instanceSpecs } from './argocd/appStates';
import { catalogApps, exampleCatalogPaths } from './argocd/catalogApps';
import { startControlServer } from './argocd/controlServer';
import { startHealthFlips } from './argocd/healthFlips';
import { LiveChanges, liveScript } from './argocd/liveScript';

const FIXED_PORTS: Record<string, number> = {
  prod: LOCAL_PORTS.argocdProd,
  staging: LOCAL_PORTS.argocdStaging,
};

/** The Argo CD UI a link of the portal points at (nothing serves it locally). */
export function argocdUiUrl(instance: string): string {
  return `https://argocd.${instance}.example.com`;
}

/** The portal's config for the instances: the backend's argocd.instances and Roadie's locator. */
function argocdConfig(instances: LocalArgocd['instances']) {
  return {
    argocd: {
      instances: instances.map(i => ({
        name: i.name,
        url: i.url,
        uiUrl: argocdUiUrl(i.name),
        token: i.token,
      })),
      appLocatorMethods: [
        {
          type: 'config',
          instances: instances.map(i => ({
            name: i.name,
            url: i.url,
            frontendUrl: argocdUiUrl(i.name),
          })),
        },
      ],
    },
  };
}

/**
 * The instances to start and their application specs: the caller's (ArgocdPeerOptions.instances),
 * else prod and staging with the example catalog's applications.
 */
function chosenInstances(
  context: PeerContext,
  catalogPaths: string[],
): Array<{ name: string; apps: FakeAppSpec[] }> {
  const chosen = context.options.argocd?.instances;
  if (chosen) {
    if (context.ports === 'fixed') {
      const unknown = chosen.filter(i => !FIXED_PORTS[i.name]);
      if (unknown.length)
        throw new Error(
          `ports 'fixed' has no port for Argo CD instance(s) ${unknown
            .map(i => i.name)
            .join(', ')} (only ${Object.keys(FIXED_PORTS).join(', ')})`,
        );
    }
    return chosen;
  }
  const apps = catalogApps(catalogPaths);
  if (apps.length === 0)
    throw new Error(
      `no argocd/app-name annotation in ${catalogPaths.join(', ')}`,
    );
  const specs = instanceSpecs(apps);
  return ARGOCD_INSTANCES.map(name => ({ name, apps: specs[name] }));
}

/**
 * Fake Argo CD (argocd-backend's FakeArgoCd), two instances: `prod` serves every application the
 * example catalog names (`argocd/app-name`, read from catalog/), `staging` payments-api and
 * checkout-service (./argocd/appStates), each labelled and projected for its owning team. A
 * control server changes faults and applications on command and counts requests; with
 * liveChanges, states change now and then (./argocd/liveScript). Tokens are random per start.
 * ArgocdPeerOptions (context.options.argocd) may choose other instances and applications,
 * accounts, latency and health flips (the benchmark's workload).
 */
export function argocdPeer(
  options: { catalogPaths?: string[] } = {},
): PeerStarter<LocalArgocd> {
  return async (context: PeerContext): Promise<StartedPeer<LocalArgocd>> => {
    const catalogPaths = options.catalogPaths ?? exampleCatalogPaths();
    const chosen = chosenInstances(context, catalogPaths);
    const { users, latency, healthFlips } = context.options.argocd ?? {};
    const fixed = context.ports === 'fixed';

    const fakes = new Map<string, FakeArgoCd>();
    const specsByInstance = new Map<string, Map<string, FakeAppSpec>>();
    const instances: LocalArgocd['instances'] = [];
    const closers: Array<() => Promise<void>> = [];
    const stop = async () => {
      await Promise.all(closers.splice(0).map(close => close()));
    };
    try {
      for (const { name, apps } of chosen) {
        const token = randomBytes(24).toString('base64url');
        const fake = await FakeArgoCd.start({
          apps,
          tokens: [token],
          users,
          latency,
          port: fixed ? FIXED_PORTS[name] : 0,
        });
        closers.push(() => fake.close());
        fakes.set(name, fake);
        specsByInstance.set(name, new Map(apps.map(spec => [spec.name, spec])));
        instances.push({ name, url: fake.url, token });
      }
      const control = await startControlServer(
        { fakes, specs: specsByInstance },
        fixed ? LOCAL_PORTS.argocdControl : 0,
      );
      closers.push(() => control.close());

      if (context.liveChanges) {
        const live = new LiveChanges(
          fakes,
          liveScript({
            sync: { instance: 'prod', name: 'search-indexer' },
            degrade: { instance: 'prod', name: 'storefront-gateway' },
          }),
          { log: context.log },
        );
        live.start();
        closers.unshift(async () => live.stop());
      }
      if (healthFlips) closers.unshift(startHealthFlips(fakes, healthFlips));
      for (const i of instances)
        context.log(`Argo CD ${i.name}: fake on ${i.url}`);
      return {
        description: {
          instances,
          control: control.url,
          apps: [
            ...new Set(chosen.flatMap(i => i.apps.map(a => a.name))),
          ].sort(),
        },
        config: argocdConfig(instances),
        stop,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  };
}

export const startArgocdPeer: PeerStarter<LocalArgocd> = argocdPeer();

import type { FakeArgoCd } from '@internal/plugin-argocd-backend/testUtils';

/**
 * Every `everyMs`, the next application of `names` (in turn, then again from the first) flips
 * health Healthy <-> Progressing on every instance that serves it, so lists are not static
 * (ArgocdPeerOptions.healthFlips). Returns the stop.
 */
export function startHealthFlips(
  fakes: ReadonlyMap<string, FakeArgoCd>,
  flips: { everyMs: number; names: string[] },
): () => Promise<void> {
  if (!(flips.everyMs > 0) || flips.names.length === 0)
    throw new Error('healthFlips needs everyMs > 0 and at least one name');
  let tick = 0;
  const timer = setInterval(() => {
    const name = flips.names[tick++ % flips.names.length];
    for (const fake of fakes.values()) {
      const app = fake.apps.get(`argocd/${name}`);
      if (app) {
        app.status.health.status =
          app.status.health.status === 'Healthy' ? 'Progressing' : 'Healthy';
        fake.changed(name);
      }
    }
  }, flips.everyMs);
  timer.unref();
  return async () => clearInterval(timer);
}

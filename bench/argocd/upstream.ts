/*
 * What the backend under test asked of the fake Argo CD: the fakes' request counts (the local
 * platform's control server, by instance and route) read window by window, each read resetting
 * them, and added up over the backend's life, so the watch streams it opened per instance are
 * known whatever the windows (`watch` counts stream requests: one per connection opened).
 */
import type { Fakes } from './children';

export interface UpstreamWindow {
  total: number;
  byRoute: Record<string, number>;
}

export class UpstreamTally {
  /** instance -> route -> requests, since the tally was made. */
  readonly lifetime: Record<string, Record<string, number>> = {};

  constructor(private readonly fakes: Fakes) {}

  /** Starts afresh: the counts so far are the previous backend's. */
  static async start(fakes: Fakes): Promise<UpstreamTally> {
    await fakes.reset();
    return new UpstreamTally(fakes);
  }

  /** The requests since the last take (or start), added to the lifetime tally. */
  async take(): Promise<UpstreamWindow> {
    const counts = await this.fakes.counts();
    await this.fakes.reset();
    const byRoute: Record<string, number> = {};
    let total = 0;
    for (const [instance, routes] of Object.entries(counts)) {
      const life = (this.lifetime[instance] ??= {});
      for (const [route, n] of Object.entries(routes)) {
        byRoute[route] = (byRoute[route] ?? 0) + n;
        life[route] = (life[route] ?? 0) + n;
        total += n;
      }
    }
    return { total, byRoute };
  }

  /** Requests of `route` per instance over the backend's life (0 for an instance never asked). */
  perInstance(route: string): Record<string, number> {
    return Object.fromEntries(
      this.fakes.instances.map(i => [
        i.name,
        this.lifetime[i.name]?.[route] ?? 0,
      ]),
    );
  }
}

/**
 * Samples the watch streams open per instance (the fake's control server) every second until
 * stopped: the fewest and the most seen, per instance.
 */
export function sampleOpenWatches(fakes: Fakes) {
  const min: Record<string, number> = {};
  const max: Record<string, number> = {};
  let failed = 0;
  const sample = async () => {
    // a sample the loaded machine drops (a reset connection) is skipped, not fatal
    const open = await fakes.openWatches().catch(() => {
      failed++;
      return {};
    });
    for (const [i, n] of Object.entries(open)) {
      min[i] = Math.min(min[i] ?? Infinity, n);
      max[i] = Math.max(max[i] ?? -Infinity, n);
    }
  };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await sample();
      await new Promise(r => setTimeout(r, 1000));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    await sample();
    if (failed)
      process.stdout.write(`  open watches: ${failed} samples failed\n`);
    return { min, max };
  };
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  ARGOCD_SIGNAL_CHANNEL,
  ArgocdApplicationsSignal,
  ArgocdChangedApplication,
} from '@internal/plugin-argocd-common';
import type { AppliedChanges } from '../snapshot/InstanceViews';

/** At most one message per this long per replica. */
const DEFAULT_INTERVAL_MS = 250;
/** More changed applications than this in one message: `all` instead. */
const MAX_LISTED = 500;

/**
 * Publishes ARGOCD_SIGNAL_CHANNEL (a broadcast) when this replica's views applied changes,
 * coalesced: the first change goes out at once, the ones after it within the interval go out
 * together at its end.
 *
 * Every replica publishes what it applied, and only that. The signals service hands a message to
 * the events service, and this backend's events service is in-process (no events backend
 * plugin, so `events.useEventBus: auto` finds no bus), so a message reaches the browsers connected
 * to the replica that published it: each browser gets it once, after the replica it talks to
 * (the one it asks next) has the change. With a distributed event bus every replica's message
 * would reach every browser (one per replica); then only the watcher's replica should publish.
 */
export class ChangeSignals {
  private readonly changed = new Map<string, ArgocdChangedApplication>();
  private readonly instances = new Set<string>();
  private all = false;
  private lastSent = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly signals: SignalsService | undefined,
    private readonly logger: LoggerService,
    private readonly intervalMs = DEFAULT_INTERVAL_MS,
  ) {}

  note(changes: AppliedChanges): void {
    if (!this.signals || this.stopped) return;
    const { instance } = changes;
    this.instances.add(instance);
    if (changes.all) {
      this.all = true;
    } else {
      for (const key of changes.keys) {
        const at = key.indexOf('/');
        this.changed.set(`${instance}/${key}`, {
          instance,
          namespace: key.slice(0, at),
          name: key.slice(at + 1),
        });
      }
      if (this.changed.size > MAX_LISTED) this.all = true;
    }
    if (this.timer) return;
    const wait = Math.max(0, this.lastSent + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.send(), wait);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private send() {
    this.timer = undefined;
    this.lastSent = Date.now();
    const message: ArgocdApplicationsSignal = {
      type: 'applications-changed',
      applications: this.all ? [] : [...this.changed.values()],
      ...(this.all ? { all: true } : {}),
      instances: [...this.instances],
    };
    this.changed.clear();
    this.instances.clear();
    this.all = false;
    this.signals!.publish<ArgocdApplicationsSignal>({
      recipients: { type: 'broadcast' },
      channel: ARGOCD_SIGNAL_CHANNEL,
      message,
    }).catch(e =>
      this.logger.warn(`Publishing the Argo CD signal failed: ${e}`),
    );
  }
}

import type {
  SignalApi,
  SignalSubscriber,
} from '@backstage/plugin-signals-react';
import {
  ARGOCD_SIGNAL_CHANNEL,
  type ArgocdApplicationsSignal,
} from '@internal/plugin-argocd-common';

/** An application as the status and detail answers name it. */
export interface ShownApplication {
  instance: string;
  appNamespace: string;
  name: string;
}

/** The changes of one coalescing window. */
export class ArgocdChanges {
  constructor(
    private readonly keys: ReadonlySet<string>,
    /** Instances relisted as a whole: everything they hold may have changed. */
    private readonly wholeInstances: ReadonlySet<string>,
  ) {}

  /**
   * Whether any of the applications a component shows changed. A component that shows none yet
   * (no application matched its annotation) may gain one with any change, so it asks again.
   */
  touches(shown: readonly ShownApplication[]): boolean {
    if (shown.length === 0) {
      return this.keys.size > 0 || this.wholeInstances.size > 0;
    }
    return shown.some(
      a =>
        this.wholeInstances.has(a.instance) ||
        this.keys.has(changeKey(a.instance, a.appNamespace, a.name)),
    );
  }
}

function changeKey(instance: string, namespace: string, name: string) {
  return JSON.stringify([instance, namespace, name]);
}

type Listener = (changes: ArgocdChanges) => void;

/**
 * One subscription to the Argo CD signal channel per page, shared by every card and catalog row
 * that shows a status. Messages are merged for `delayMs`, then every listener hears the merged
 * changes in the same tick: the rows that refetch then go into one batched `POST /status`.
 */
export class ArgocdChangeFeed {
  readonly #listeners = new Set<Listener>();
  #subscription?: SignalSubscriber;
  #keys = new Set<string>();
  #instances = new Set<string>();
  #timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly signals: SignalApi,
    private readonly delayMs = 200,
  ) {}

  /** Listens until the returned function is called; the channel is open while anyone listens. */
  listen(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (!this.#subscription) {
      this.#subscription = this.signals.subscribe<ArgocdApplicationsSignal>(
        ARGOCD_SIGNAL_CHANNEL,
        message => this.#receive(message),
      );
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#close();
    };
  }

  #receive(message: ArgocdApplicationsSignal) {
    if (message?.type !== 'applications-changed') return;
    if (message.all) {
      for (const i of message.instances ?? []) this.#instances.add(i);
    }
    for (const a of message.applications ?? []) {
      this.#keys.add(changeKey(a.instance, a.namespace, a.name));
    }
    if (!this.#timer) {
      this.#timer = setTimeout(() => this.#flush(), this.delayMs);
    }
  }

  #flush() {
    this.#timer = undefined;
    const changes = new ArgocdChanges(this.#keys, this.#instances);
    this.#keys = new Set();
    this.#instances = new Set();
    for (const listener of [...this.#listeners]) listener(changes);
  }

  #close() {
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#keys = new Set();
    this.#instances = new Set();
  }
}

import {
  beginSync,
  completeSync,
  fakeCommitAuthor,
  fakeCommitMessage,
  fakeRevision,
  newGitTarget,
  setHealth,
  type FakeArgoCd,
} from '@internal/plugin-argocd-backend/testUtils';

/** Where a step acts: an application on an instance. */
export interface LiveTarget {
  instance: string;
  name: string;
}

/** One scripted change of the fake Argo CD. */
export interface LiveStep {
  /** What happened, for the log (undefined when the application is not served). */
  apply(
    fakes: ReadonlyMap<string, FakeArgoCd>,
    cycle: number,
  ): string | undefined;
  /** How long until the next step: [min, max] ms, picked at random in between. */
  nextInMs: [number, number];
}

/** The application a step changes, when its instance serves it. */
function appOf(fakes: ReadonlyMap<string, FakeArgoCd>, t: LiveTarget) {
  return fakes.get(t.instance)?.apps.get(`argocd/${t.name}`);
}

/** Tells the instance's watchers that the step changed the application (MODIFIED). */
function changed(fakes: ReadonlyMap<string, FakeArgoCd>, t: LiveTarget) {
  fakes.get(t.instance)?.changed(t.name);
}

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The changes `make start` plays, in a cycle: the out-of-sync `sync` application syncs (an
 * operation runs a few seconds, then a new history entry on its Git target), the healthy
 * `degrade` application gets a degraded pod and recovers after about 30 s, and a new commit
 * puts `sync` out of sync again for the next round. Every revision resolves to commit metadata.
 */
export function liveScript(targets: {
  sync: LiveTarget;
  degrade: LiveTarget;
}): LiveStep[] {
  const { sync, degrade } = targets;
  const at = (t: LiveTarget) => `${t.name} on ${t.instance}`;
  return [
    {
      apply: fakes => {
        const app = appOf(fakes, sync);
        if (!app) return undefined;
        beginSync(app);
        setHealth(app, 'Progressing');
        changed(fakes, sync);
        return `${at(sync)}: sync to ${app.status.sync.revision.slice(
          0,
          7,
        )} running`;
      },
      nextInMs: [3_000, 6_000],
    },
    {
      apply: fakes => {
        const app = appOf(fakes, sync);
        if (!app) return undefined;
        completeSync(app, undefined, { automated: true });
        setHealth(app, 'Healthy');
        changed(fakes, sync);
        return `${at(sync)}: synced, Healthy`;
      },
      nextInMs: [20_000, 40_000],
    },
    {
      apply: fakes => {
        const app = appOf(fakes, degrade);
        if (!app) return undefined;
        setHealth(
          app,
          'Degraded',
          `a degraded pod: ${degrade.name} container is in CrashLoopBackOff`,
        );
        changed(fakes, degrade);
        return `${at(degrade)}: Degraded (a degraded pod)`;
      },
      nextInMs: [25_000, 35_000],
    },
    {
      apply: fakes => {
        const app = appOf(fakes, degrade);
        if (!app) return undefined;
        setHealth(app, 'Healthy');
        changed(fakes, degrade);
        return `${at(degrade)}: recovered, Healthy`;
      },
      nextInMs: [20_000, 40_000],
    },
    {
      apply: (fakes, cycle) => {
        const fake = fakes.get(sync.instance);
        const app = appOf(fakes, sync);
        if (!fake || !app) return undefined;
        const revision = fakeRevision(`live/${sync.name}#${cycle}`);
        fake.commits.set(revision, {
          author: fakeCommitAuthor(revision),
          date: now(),
          message: fakeCommitMessage(revision, sync.name),
        });
        newGitTarget(app, revision);
        changed(fakes, sync);
        return `${at(sync)}: new commit ${revision.slice(0, 7)}, OutOfSync`;
      },
      nextInMs: [20_000, 40_000],
    },
  ];
}

/**
 * Plays a script on the fakes: `tick()` applies the next step at once (tests), `start()` plays
 * them on unref'd timers with the steps' jittered delays (make start), `stop()` ends that.
 */
export class LiveChanges {
  private index = 0;
  private cycle = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly fakes: ReadonlyMap<string, FakeArgoCd>,
    private readonly steps: LiveStep[],
    private readonly options: {
      log?: (line: string) => void;
      random?: () => number;
    } = {},
  ) {}

  /** Applies the next step; returns its log line and the delay picked before the following one. */
  tick(): { line?: string; nextInMs: number } {
    const step = this.steps[this.index];
    const line = step.apply(this.fakes, this.cycle);
    if (line) this.options.log?.(`Argo CD live change: ${line}`);
    this.index = (this.index + 1) % this.steps.length;
    if (this.index === 0) this.cycle += 1;
    return { line, nextInMs: this.delay(step.nextInMs) };
  }

  /** Plays the steps one after another, the first after the last step's delay. */
  start() {
    const schedule = (ms: number) => {
      this.timer = setTimeout(() => schedule(this.tick().nextInMs), ms);
      this.timer.unref();
    };
    schedule(this.delay(this.steps[this.steps.length - 1].nextInMs));
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private delay([min, max]: [number, number]): number {
    const random = this.options.random ?? Math.random;
    return Math.round(min + (max - min) * random());
  }
}

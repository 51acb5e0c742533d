import {
  setTimeout as sleep,
  setImmediate as yieldToLoop,
} from 'node:timers/promises';
import { RelistContext, relistInstance } from '../snapshot/InstanceRefresher';
import { AppChange, changeOf, deletionOf } from '../snapshot/AppRowStore';
import { appKey, toAppEntry } from '../upstream/applicationFields';
import { watchLines } from './watchEvents';

export interface WatcherTiming {
  /** One session (one run of the global task) ends after this long; the next one resumes. */
  sessionMs: number;
  /** A full list this long after the last one, while watching (the safety resync). */
  resyncMs: number;
  /** Changes are written at most this long after they arrive. */
  flushMs: number;
  /** While the watch is up, the instance is marked current this often. */
  heartbeatMs: number;
}

export const DEFAULT_WATCHER_TIMING: WatcherTiming = {
  sessionMs: 120_000,
  resyncMs: 600_000,
  flushMs: 100,
  heartbeatMs: 10_000,
};

type WatchOutcome = {
  resourceVersion?: string;
  gone?: boolean;
  /** Ended by the resync, the session's end or the signal (not a break): go on at once. */
  planned?: boolean;
  /** The stream was up (the backoff starts again). */
  connected?: boolean;
};

/** Event-loop time spent on events before yielding to requests. */
const SLICE_MS = 5;
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 10_000;

/**
 * Follows one Argo CD instance: lists it when there is nothing to resume from (no stored
 * resourceVersion, a 410 from the watch, or the safety resync is due), then watches from the
 * list's resourceVersion and writes each change to the application rows in small batches. After
 * a break it resumes from the last resourceVersion it saw, with backoff. One `session()` is one
 * run of the instance's global task: it returns after `sessionMs`, so that if this replica dies
 * another takes over within about that long, and the next session resumes from the stored
 * resourceVersion without listing again.
 */
export class InstanceWatcher {
  private writing: Promise<void> = Promise.resolve();
  private writeFailed = false;

  constructor(
    private readonly ctx: RelistContext,
    private readonly timing: WatcherTiming = DEFAULT_WATCHER_TIMING,
    private readonly onWritten: (changes: AppChange[]) => void = () => {},
  ) {}

  private get instance() {
    return this.ctx.client.instance.name;
  }

  async session(signal: AbortSignal): Promise<void> {
    const { store, logger } = this.ctx;
    const deadline = Date.now() + this.timing.sessionMs;
    const meta = await store.meta(this.instance);
    let resourceVersion = meta?.resourceVersion;
    let listedAt = meta?.listedAt?.getTime() ?? 0;
    let backoff = FIRST_BACKOFF_MS;
    while (!signal.aborted && Date.now() < deadline) {
      const attempted = new Date();
      try {
        if (
          !resourceVersion ||
          this.writeFailed ||
          Date.now() - listedAt >= this.timing.resyncMs
        ) {
          this.writeFailed = false;
          const listed = await relistInstance(this.ctx);
          this.onWritten(listed.changes);
          resourceVersion = listed.resourceVersion;
          listedAt = attempted.getTime();
          if (!resourceVersion) {
            throw new Error('the list has no resourceVersion to watch from');
          }
        }
        const until = Math.min(deadline, listedAt + this.timing.resyncMs);
        const outcome = await this.watch(resourceVersion, until, signal);
        if (outcome.connected) backoff = FIRST_BACKOFF_MS;
        resourceVersion = outcome.gone ? undefined : outcome.resourceVersion;
        if (outcome.gone || outcome.planned) continue;
      } catch (e) {
        const message = (e as Error).message;
        logger.warn(
          `Watching Argo CD instance ${this.instance} failed; keeping the last good data`,
          { instance: this.instance, error: message },
        );
        await store.saveFailure(this.instance, message, attempted);
      }
      if (signal.aborted || Date.now() >= deadline) break;
      await sleep(backoff, undefined, { signal }).catch(() => undefined);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
    await this.writing;
  }

  /** One watch connection, until it breaks, `until`, or `signal`. */
  private async watch(
    from: string,
    until: number,
    signal: AbortSignal,
  ): Promise<WatchOutcome> {
    const { client, store, timeoutMs } = this.ctx;
    const stop = new AbortController();
    const abort = () => stop.abort();
    signal.addEventListener('abort', abort);
    const timers = [
      setTimeout(abort, Math.max(0, until - Date.now())),
      // no answer (headers) within the list's timeout: try again
      setTimeout(abort, timeoutMs),
    ];
    let heartbeat: NodeJS.Timeout | undefined;
    let wasConnected = false;
    let resourceVersion = from;
    let pending: AppChange[] = [];
    let flushTimer: NodeJS.Timeout | undefined;
    const flush = () => {
      clearTimeout(flushTimer);
      flushTimer = undefined;
      if (pending.length === 0) return;
      const batch = pending;
      const mark = { resourceVersion };
      pending = [];
      this.writing = this.writing.then(async () => {
        if (this.writeFailed) return;
        try {
          await this.ctx.rows.write(this.instance, batch, mark);
          this.onWritten(batch);
        } catch (e) {
          // the stored resourceVersion did not move: list again rather than lose these
          this.writeFailed = true;
          stop.abort();
          this.ctx.logger.warn(
            `Writing Argo CD changes of ${this.instance} failed: ${e}`,
          );
        }
      });
    };
    try {
      const body = await client.watchApplications(from, stop.signal);
      clearTimeout(timers[1]);
      wasConnected = true;
      await store.markFresh(this.instance, new Date());
      heartbeat = setInterval(() => {
        store.markFresh(this.instance, new Date()).catch(() => undefined);
      }, this.timing.heartbeatMs);
      let slice = performance.now();
      for await (const line of watchLines(body)) {
        if (line.kind === 'gone') return { gone: true, connected: true };
        if (line.kind === 'error') throw new Error(`watch: ${line.message}`);
        const app = line.application;
        const entry = toAppEntry(app);
        if (!entry) continue;
        pending.push(
          line.type === 'DELETED'
            ? deletionOf(appKey(entry.namespace, entry.name))
            : changeOf(entry),
        );
        resourceVersion = entry.resourceVersion ?? resourceVersion;
        flushTimer ??= setTimeout(flush, this.timing.flushMs);
        if (performance.now() - slice > SLICE_MS) {
          await yieldToLoop();
          slice = performance.now();
        }
      }
      // the server ended the stream: resume
      return { resourceVersion, connected: true };
    } catch (e) {
      // the end of the session or resync: go on; a break once connected, or a failed write:
      // resume (or list) after a short wait
      if (signal.aborted || Date.now() >= until) {
        return {
          resourceVersion,
          planned: !this.writeFailed,
          connected: wasConnected,
        };
      }
      if (wasConnected) return { resourceVersion, connected: true };
      throw e;
    } finally {
      flush();
      timers.forEach(clearTimeout);
      clearInterval(heartbeat);
      signal.removeEventListener('abort', abort);
      await this.writing;
    }
  }
}

/*
 * The soak's own record: every answer (route, time, status, or 'reset' when the connection broke
 * or timed out) and the fault windows, from which the failures per window and outside them.
 */

export interface Outcome {
  route: string;
  at: number;
  /** HTTP status, or 'reset' (connection error or timeout). */
  status: number | 'reset';
}

export interface FaultWindow {
  name: string;
  from: number;
  to: number;
  /** For a restart fault: when the portal answered again (ms after `from`). */
  recoveredMs?: number;
}

/** A request failed: a 5xx answer, or no answer (reset, refused, timeout). */
export const failed = (o: Outcome) =>
  o.status === 'reset' || (o.status as number) >= 500;

export class SoakRecord {
  readonly outcomes: Outcome[] = [];
  readonly windows: FaultWindow[] = [];

  add(route: string, status: number | 'reset', at = Date.now()): void {
    this.outcomes.push({ route, at, status });
  }

  /** Runs `fault` as a window named `name`; `settleMs` after it ends still counts as the window. */
  async window<T>(
    name: string,
    fault: (w: FaultWindow) => Promise<T>,
    settleMs = 2_000,
  ): Promise<T> {
    const w: FaultWindow = {
      name,
      from: Date.now(),
      to: Number.POSITIVE_INFINITY,
    };
    this.windows.push(w);
    try {
      return await fault(w);
    } finally {
      await new Promise(r => setTimeout(r, settleMs));
      w.to = Date.now();
    }
  }

  private windowOf(at: number): FaultWindow | undefined {
    return this.windows.find(w => at >= w.from && at <= w.to);
  }

  /** Requests and failures (5xx, resets) per fault window and outside any window. */
  failures(): Record<
    string,
    { requests: number; status5xx: number; resets: number; seconds: number }
  > {
    const out: Record<
      string,
      { requests: number; status5xx: number; resets: number; seconds: number }
    > = {};
    const slot = (name: string, seconds: number) =>
      (out[name] ??= { requests: 0, status5xx: 0, resets: 0, seconds });
    for (const w of this.windows)
      slot(w.name, Math.round((w.to - w.from) / 100) / 10);
    slot('outside', 0);
    for (const o of this.outcomes) {
      const s = slot(this.windowOf(o.at)?.name ?? 'outside', 0);
      s.requests++;
      if (o.status === 'reset') s.resets++;
      else if (o.status >= 500) s.status5xx++;
    }
    return out;
  }

  /** Failed requests per window and `route status`, for the report. */
  failureDetail(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const o of this.outcomes.filter(failed)) {
      const w = (out[this.windowOf(o.at)?.name ?? 'outside'] ??= {});
      const key = `${o.route} ${o.status}`;
      w[key] = (w[key] ?? 0) + 1;
    }
    return out;
  }

  /** The first failures outside the windows (route, status), for the report. */
  failuresOutside(limit = 10): Outcome[] {
    return this.outcomes
      .filter(o => failed(o) && !this.windowOf(o.at))
      .slice(0, limit);
  }

  /** Answers other than 2xx/3xx that are not failures (4xx), by route and status. */
  clientErrors(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const o of this.outcomes)
      if (typeof o.status === 'number' && o.status >= 400 && o.status < 500)
        out[`${o.route} ${o.status}`] =
          (out[`${o.route} ${o.status}`] ?? 0) + 1;
    return out;
  }
}

import { useCallback, useEffect, useRef, useState } from 'react';

/** How often a running run, and a list with running runs, is refreshed. */
export const POLL_INTERVAL_MS = 3000;

/**
 * Loads `load()` and reloads it every `intervalMs` while `keepPolling(value)` is true (a run is
 * still going); reloads from scratch when `key` changes. Keeps showing the last value while
 * reloading, and the last error until a load succeeds.
 */
export function usePolled<T>(
  key: string,
  load: () => Promise<T>,
  keepPolling: (value: T) => boolean,
  intervalMs = POLL_INTERVAL_MS,
): { value?: T; error?: Error; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ key: string; value?: T; error?: Error }>(
    { key },
  );
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const pollRef = useRef(keepPolling);
  pollRef.current = keepPolling;

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    loadRef.current().then(
      value => {
        if (cancelled) return;
        setState({ key, value });
        if (pollRef.current(value)) {
          timer = setTimeout(() => setTick(t => t + 1), intervalMs);
        }
      },
      error => {
        if (cancelled) return;
        setState(s => ({
          key,
          value: s.key === key ? s.value : undefined,
          error,
        }));
        timer = setTimeout(() => setTick(t => t + 1), intervalMs * 2);
      },
    );
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [key, tick, intervalMs]);

  const reload = useCallback(() => setTick(t => t + 1), []);
  const current = state.key === key ? state : { key };
  return {
    value: current.value,
    error: current.error,
    loading: current.value === undefined && current.error === undefined,
    reload,
  };
}

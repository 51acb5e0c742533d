import { useEffect, useRef } from 'react';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import { ArgocdChangeFeed, type ArgocdChanges } from './ArgocdChangeFeed';

const feeds = new WeakMap<SignalApi, ArgocdChangeFeed>();

function feedOf(signals: SignalApi): ArgocdChangeFeed {
  let feed = feeds.get(signals);
  if (!feed) {
    feed = new ArgocdChangeFeed(signals);
    feeds.set(signals, feed);
  }
  return feed;
}

/**
 * Calls `onChange` when the Argo CD backend signals a change that `touches` what the caller shows.
 * Without the signals plugin (or before the first answer) nothing happens: the page still shows
 * the status it loaded.
 */
export function useArgocdChanges(
  touches: ((changes: ArgocdChanges) => boolean) | undefined,
  onChange: () => void,
): void {
  const signals = useApiHolder().get(signalApiRef);
  const latest = useRef({ touches, onChange });
  latest.current = { touches, onChange };
  const active = touches !== undefined;
  useEffect(() => {
    if (!signals || !active) return undefined;
    return feedOf(signals).listen(changes => {
      const { touches: t, onChange: run } = latest.current;
      if (t?.(changes)) run();
    });
  }, [signals, active]);
}

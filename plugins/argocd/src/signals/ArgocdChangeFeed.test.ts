import {
  ARGOCD_SIGNAL_CHANNEL,
  type ArgocdApplicationsSignal,
} from '@internal/plugin-argocd-common';
import { FakeSignalApi } from '../testing/fakeSignalApi';
import { ArgocdChangeFeed, type ArgocdChanges } from './ArgocdChangeFeed';

const app = (name: string, instance = 'prod') => ({
  instance,
  appNamespace: 'argocd',
  name,
});

function changed(...names: string[]): ArgocdApplicationsSignal {
  return {
    type: 'applications-changed',
    instances: ['prod'],
    applications: names.map(name => ({
      instance: 'prod',
      namespace: 'argocd',
      name,
    })),
  };
}

describe('ArgocdChangeFeed', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('merges the messages of one window and tells every listener once, in the same tick', () => {
    const signals = new FakeSignalApi();
    const feed = new ArgocdChangeFeed(signals, 200);
    const heard: ArgocdChanges[][] = [[], []];
    feed.listen(c => heard[0].push(c));
    feed.listen(c => heard[1].push(c));
    expect(signals.open(ARGOCD_SIGNAL_CHANNEL)).toBe(1);

    signals.send(ARGOCD_SIGNAL_CHANNEL, changed('a'));
    signals.send(ARGOCD_SIGNAL_CHANNEL, changed('b'));
    jest.advanceTimersByTime(199);
    expect(heard[0]).toHaveLength(0);
    jest.advanceTimersByTime(1);

    expect(heard[0]).toHaveLength(1);
    expect(heard[1]).toHaveLength(1);
    const changes = heard[0][0];
    expect(changes.touches([app('a')])).toBe(true);
    expect(changes.touches([app('c'), app('b')])).toBe(true);
    expect(changes.touches([app('c')])).toBe(false);
    expect(changes.touches([app('a', 'staging')])).toBe(false);
    // A component that shows no application yet may gain one with any change.
    expect(changes.touches([])).toBe(true);

    signals.send(ARGOCD_SIGNAL_CHANNEL, changed('c'));
    jest.advanceTimersByTime(200);
    expect(heard[0]).toHaveLength(2);
    expect(heard[0][1].touches([app('a')])).toBe(false);
  });

  it('treats a relisted instance as changed in full, and ignores foreign messages', () => {
    const signals = new FakeSignalApi();
    const feed = new ArgocdChangeFeed(signals, 50);
    const heard: ArgocdChanges[] = [];
    feed.listen(c => heard.push(c));

    signals.send(ARGOCD_SIGNAL_CHANNEL, { type: 'something-else' });
    jest.advanceTimersByTime(100);
    expect(heard).toHaveLength(0);

    signals.send(ARGOCD_SIGNAL_CHANNEL, {
      type: 'applications-changed',
      all: true,
      instances: ['staging'],
      applications: [],
    });
    jest.advanceTimersByTime(50);
    expect(heard).toHaveLength(1);
    expect(heard[0].touches([app('x', 'staging')])).toBe(true);
    expect(heard[0].touches([app('x', 'prod')])).toBe(false);
  });

  it('closes the channel when the last listener leaves, dropping a pending window', () => {
    const signals = new FakeSignalApi();
    const feed = new ArgocdChangeFeed(signals, 100);
    const listener = jest.fn();
    const stopA = feed.listen(listener);
    const stopB = feed.listen(c => listener(c));
    signals.send(ARGOCD_SIGNAL_CHANNEL, changed('a'));
    stopA();
    expect(signals.open(ARGOCD_SIGNAL_CHANNEL)).toBe(1);
    stopB();
    expect(signals.open(ARGOCD_SIGNAL_CHANNEL)).toBe(0);
    jest.advanceTimersByTime(500);
    expect(listener).not.toHaveBeenCalled();

    feed.listen(listener);
    expect(signals.open(ARGOCD_SIGNAL_CHANNEL)).toBe(1);
  });
});

import type { FakeAppSpec, FakeApplication } from './fakeApplications';

/** What a fake Argo CD counts, by route and outcome (see FakeArgoCd.count). */
export type FakeRoute =
  | 'list'
  | 'watch'
  | 'get'
  | 'refresh'
  | 'resource-tree'
  | 'revision-metadata'
  | 'sync'
  | 'session'
  | 'unauthorized'
  | 'not-found'
  | 'permission-denied';

export interface FakeArgoCdOptions {
  /** Applications (specs or full objects). */
  apps?: Array<FakeAppSpec | FakeApplication>;
  /** Bearer tokens accepted without login (like Argo CD account tokens). */
  tokens?: string[];
  /** Accounts for POST /api/v1/session. */
  users?: Record<string, string>;
  /** Lifetime of session tokens (default 24 h, like Argo CD). */
  sessionTtlSeconds?: number;
  /** Loopback port to listen on (default: a free one). */
  port?: number;
  /** Latency of every response plus per application in a list response. */
  latency?: { baseMs?: number; perItemMs?: number };
}

export type FakeFault =
  | { kind: 'none' }
  | { kind: 'error'; status?: number }
  | { kind: 'timeout' }
  | { kind: 'down' };

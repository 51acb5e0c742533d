/*
 * Commit metadata the fake Argo CD serves for a revision (v1alpha1RevisionMetadata): believable
 * messages about the application, written by the example catalog's users (catalog/org.yaml),
 * derived deterministically from the revision so every revision resolves.
 */

/** Commit metadata of one revision, as Argo CD's revision metadata route returns it. */
export interface FakeRevisionMetadata {
  author: string;
  date: string;
  message: string;
}

/** The example catalog's engineers (catalog/org.yaml), as Git authors. */
export const FAKE_COMMIT_AUTHORS: readonly string[] = [
  'Alice Andersen <alice@portico.example>',
  'Bob Brennan <bob@portico.example>',
  'Carol Castillo <carol@portico.example>',
  'Dan Dimitrov <dan@portico.example>',
];

const MESSAGES: ReadonlyArray<(app: string, n: number) => string> = [
  (app, n) => `Raise ${app} replicas to ${2 + (n % 4)}`,
  (app, n) => `Bump ${app} image to 1.${4 + (n % 9)}.${n % 7}`,
  (app, n) => `Set ${app} memory limit to ${256 * (1 + (n % 4))}Mi`,
  app => `Add a readiness probe to ${app}`,
  app => `Enable request tracing for ${app}`,
  (app, n) => `Lower ${app} log level to ${n % 2 ? 'info' : 'warn'}`,
  app => `Pin ${app} base image by digest`,
  (app, n) => `Roll ${app} config: connection pool size ${8 * (1 + (n % 4))}`,
];

const EPOCH = Date.parse('2026-11-01T00:00:00Z');

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function seedOf(revision: string): number {
  return parseInt(revision.slice(0, 8), 16) || 0;
}

/** A believable commit message about `app` for a revision (the same every time). */
export function fakeCommitMessage(revision: string, app: string): string {
  const n = seedOf(revision);
  return MESSAGES[n % MESSAGES.length](app, n >>> 4);
}

/** The author of a revision (one of FAKE_COMMIT_AUTHORS, the same every time). */
export function fakeCommitAuthor(revision: string): string {
  const n = seedOf(revision);
  return FAKE_COMMIT_AUTHORS[(n >>> 8) % FAKE_COMMIT_AUTHORS.length];
}

/**
 * Commit metadata for a revision of an application. When the revision is in the application's
 * history, the commit is dated a few minutes before that deployment started.
 */
export function fakeRevisionMetadata(
  revision: string,
  /** The application (a FakeApplication). */
  app?: Record<string, any>,
): FakeRevisionMetadata {
  const n = seedOf(revision);
  const name: string = app?.metadata?.name ?? 'the service';
  const history: any[] = app?.status?.history ?? [];
  const deployed = history.find(h => h.revision === revision);
  const started = deployed ? Date.parse(deployed.deployStartedAt) : NaN;
  const date = Number.isNaN(started)
    ? EPOCH - (n % 86_400) * 1000
    : started - (2 + (n % 40)) * 60_000;
  return {
    author: fakeCommitAuthor(revision),
    date: iso(date),
    message: fakeCommitMessage(revision, name),
  };
}

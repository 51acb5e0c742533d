import { toDate, type RunRow } from './rows';

/** The position after `run` in the run list (newest first), as an opaque cursor. */
export function encodeCursor(run: RunRow): string {
  return Buffer.from(
    JSON.stringify([toDate(run.created_at).toISOString(), run.id]),
  ).toString('base64url');
}

/** The position a cursor points after; throws on a malformed cursor. */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id] = JSON.parse(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  const date = new Date(createdAt);
  if (typeof id !== 'string' || Number.isNaN(date.getTime())) {
    throw new Error('bad cursor');
  }
  return { createdAt: date, id };
}

/** "4 min", "2 h", "3 d": a duration in whole seconds, rounded down to its largest unit. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

/** "4 min ago" for an ISO time, or undefined when there is none or it does not parse. */
export function relativeTime(
  iso: string | undefined,
  now: number = Date.now(),
): string | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  const seconds = (now - at) / 1000;
  if (seconds < 45) return 'just now';
  return `${formatAge(seconds)} ago`;
}

/** First 7 characters of a commit sha; other revisions (tags, Helm versions) unchanged. */
export function shortRevision(
  revision: string | undefined,
): string | undefined {
  if (!revision) return undefined;
  return /^[0-9a-f]{40}$/i.test(revision) ? revision.slice(0, 7) : revision;
}

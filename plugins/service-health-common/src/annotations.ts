/** `<owner>/<repo>`: where the entity's code lives. It only points; the platform decides what is read. */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

/** GitHub owner and repository names: letters, digits, `-`, `_`, `.` (not `.`/`..`). */
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** The annotation's owner and repository, or undefined when it is not a plain `owner/repo`. */
export function parseProjectSlug(
  value: string | undefined,
): { owner: string; repo: string } | undefined {
  if (!value) return undefined;
  const parts = value.trim().split('/');
  if (parts.length !== 2) return undefined;
  const [owner, repo] = parts;
  if (!NAME.test(owner) || !NAME.test(repo)) return undefined;
  if ([owner, repo].some(p => p === '.' || p === '..')) return undefined;
  return { owner, repo };
}

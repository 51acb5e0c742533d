import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';

/** Keeps the class of Backstage errors (the scaffolder and callers read it), with a new message. */
function like(error: unknown, message: string): Error {
  for (const Type of [
    InputError,
    ConflictError,
    NotAllowedError,
    NotFoundError,
  ]) {
    if (error instanceof Type) return new Type(message);
  }
  const e = new Error(message);
  e.name = error instanceof Error ? error.name : 'Error';
  return e;
}

/** Error text for a failure after earlier steps created something: what exists and what to do. */
export function withCleanupAdvice(
  error: unknown,
  alreadyCreated: string[] | undefined,
  whatFailed: string,
): Error {
  const reason = error instanceof Error ? error.message : String(error);
  // Skipped steps render their outputs as empty strings.
  const created = (alreadyCreated ?? []).filter(item => item.trim() !== '');
  if (created.length === 0) {
    return like(error, `${whatFailed}: ${reason}`);
  }
  return like(
    error,
    `${whatFailed}: ${reason}. Already created by this task: ${created.join(
      ', ',
    )}. ` +
      'Nothing was changed in the GitOps repository. To clean up, delete what is listed; or fix the cause and run the template again: ' +
      'publishing reuses a repository whose content is the same, and the GitOps commit is skipped when the files are already there.',
  );
}

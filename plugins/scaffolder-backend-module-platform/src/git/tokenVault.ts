/*
 * Tokens minted for a task live here, in process memory, keyed by an opaque handle (tokenRef).
 * Actions pass the handle between steps, never the token, so the token is not in step outputs,
 * task state, the template's output or the audit trail. Each token is revoked at its expiry,
 * when the task is cancelled, or by portico:git:token:revoke — whichever comes first.
 */
import { randomBytes } from 'node:crypto';
import { GitTokenProvider, MintedToken } from './tokenProviders';

interface Entry extends MintedToken {
  taskId: string;
  repository: string;
  provider: GitTokenProvider;
  timer: NodeJS.Timeout;
}

export class TokenVault {
  private readonly entries = new Map<string, Entry>();

  /** Stores a minted token; returns its handle. */
  register(options: {
    taskId: string;
    repository: string;
    minted: MintedToken;
    provider: GitTokenProvider;
    signal?: AbortSignal;
  }): string {
    const ref = `gt_${randomBytes(18).toString('base64url')}`;
    const delay = Math.max(0, options.minted.expiresAt.getTime() - Date.now());
    const timer = setTimeout(() => {
      this.revoke(ref).catch(() => undefined);
    }, delay);
    timer.unref();
    this.entries.set(ref, {
      ...options.minted,
      taskId: options.taskId,
      repository: options.repository,
      provider: options.provider,
      timer,
    });
    options.signal?.addEventListener('abort', () => {
      this.revoke(ref).catch(() => undefined);
    });
    return ref;
  }

  /**
   * The token behind a handle, only for the task that minted it and only for its repository.
   * Throws a message that never contains the token.
   */
  resolve(ref: string, taskId: string, repository: string): MintedToken {
    const entry = this.entries.get(ref);
    if (
      !entry ||
      entry.taskId !== taskId ||
      entry.expiresAt.getTime() <= Date.now()
    ) {
      throw new Error(
        `tokenRef ${ref} is unknown, expired or revoked (mint one with portico:git:token in this task)`,
      );
    }
    if (entry.repository !== repository) {
      throw new Error(
        `tokenRef ${ref} is limited to ${entry.repository}, not ${repository}`,
      );
    }
    return {
      token: entry.token,
      expiresAt: entry.expiresAt,
      username: entry.username,
    };
  }

  /** Revokes at the provider and forgets; false when the handle was unknown. */
  async revoke(ref: string, taskId?: string): Promise<boolean> {
    const entry = this.entries.get(ref);
    if (!entry || (taskId !== undefined && entry.taskId !== taskId)) {
      return false;
    }
    this.entries.delete(ref);
    clearTimeout(entry.timer);
    if (entry.expiresAt.getTime() <= Date.now()) {
      return false;
    }
    return entry.provider.revoke(entry.token);
  }

  size(): number {
    return this.entries.size;
  }
}

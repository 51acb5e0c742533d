import type { LoggerService } from '@backstage/backend-plugin-api';
import { teamOfGroupRef } from '@internal/plugin-portico-node';
import type { WebhookRunPayload } from '@internal/plugin-provisioning-common';
import {
  PayloadTokenDelivery,
  type CallbackTokenDelivery,
} from '../callback/CallbackTokenDelivery';
import type { ProvisioningConfig } from '../config/ProvisioningConfig';
import type { ClaimedDelivery } from '../database/OutboxStore';
import type { ProvisioningStores } from '../database/ProvisioningStores';
import { hashCallbackToken, mintCallbackToken } from '../tokens/callbackToken';
import { backoffDelay } from './backoff';
import { postToWebhook, type WebhookOutcome } from './postToWebhook';

export interface OutboxDispatcherOptions {
  /** The outbox it works off, and the callback tokens it issues. */
  stores: Pick<ProvisioningStores, 'outbox' | 'tokens'>;
  config: ProvisioningConfig;
  logger: LoggerService;
  /** Who claims rows (unique per process), e.g. hostname + pid + random. */
  instanceId: string;
  /** The callback URL of a run. */
  callbackUrl(runId: string): Promise<string> | string;
  /** Where each attempt's callback token goes (default: in the payload, for tests). */
  tokenDelivery?: CallbackTokenDelivery;
}

/**
 * Delivers the outbox to the Argo Events webhook: claims due rows (a lease, `SKIP LOCKED` on
 * PostgreSQL, so replicas never deliver the same row at the same time), POSTs each run, and then
 * marks it delivered, schedules a retry with backoff, or gives up and fails the run. Delivery is
 * at least once: a replica that dies after POSTing but before recording it leaves the row to be
 * claimed again when the lease runs out, and the idempotency key lets the receiver drop the copy.
 */
export class OutboxDispatcher {
  readonly #o: OutboxDispatcherOptions;
  readonly #tokens: CallbackTokenDelivery;
  #running: Promise<number> | undefined;
  #again = false;
  #stopped = false;
  readonly #shutdown = new AbortController();
  #warnedUnconfigured = false;

  constructor(options: OutboxDispatcherOptions) {
    this.#o = options;
    this.#tokens = options.tokenDelivery ?? new PayloadTokenDelivery();
  }

  /**
   * Delivers everything due now (claiming batch after batch). Calls while one is running are
   * folded into one more round, so a nudge is never lost and rounds never overlap in a process.
   */
  runOnce(): Promise<number> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const run = async () => {
      let total = 0;
      try {
        do {
          this.#again = false;
          total += await this.#drain();
        } while (this.#again && !this.#stopped);
      } finally {
        this.#running = undefined;
      }
      return total;
    };
    this.#running = run();
    return this.#running;
  }

  /** Asks for a round soon (after a trigger); errors are logged. */
  nudge(): void {
    if (this.#stopped) return;
    setImmediate(() => {
      this.runOnce().catch(error =>
        this.#o.logger.warn(`Provisioning outbox round failed: ${error}`),
      );
    });
  }

  /** Stops claiming, aborts requests in flight and hands their rows back. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#shutdown.abort();
    await this.#running?.catch(() => undefined);
  }

  /**
   * Deletes the callback token Secrets of runs whose token stopped working (ended, given up,
   * expired), at most `limit` per call; a Secret that could not be deleted is tried next time.
   */
  async sweepTokenSecrets(limit = 100): Promise<number> {
    const { stores, logger } = this.#o;
    const runIds = await stores.tokens.runsWithStaleTokenSecrets(limit);
    const removed: string[] = [];
    for (const runId of runIds) {
      try {
        await this.#tokens.remove(runId);
        removed.push(runId);
      } catch (error) {
        logger.warn(`Run ${runId}: ${(error as Error).message}`);
      }
    }
    await stores.tokens.markTokenSecretsRemoved(removed);
    return removed.length;
  }

  async #drain(): Promise<number> {
    const { config, stores, logger } = this.#o;
    if (!config.webhookUrl) {
      if (!this.#warnedUnconfigured) {
        this.#warnedUnconfigured = true;
        logger.warn(
          'provisioning.argoEvents.webhookUrl is not set: runs stay queued until it is',
        );
      }
      return 0;
    }
    let delivered = 0;
    while (!this.#stopped) {
      const claimed = await stores.outbox.claimDue({
        claimedBy: this.#o.instanceId,
        limit: config.batchSize,
        leaseMs: config.leaseMs,
      });
      if (claimed.length === 0) break;
      if (this.#stopped) {
        await Promise.all(claimed.map(d => stores.outbox.release(d)));
        break;
      }
      // One token per attempt; their hashes are stored for the whole batch at once (revoking the
      // runs' earlier tokens), before any POST, so a fast workflow can report back straight away.
      const tokens = claimed.map(() => mintCallbackToken());
      const expiresAt = new Date(Date.now() + config.tokenTtlMs);
      await stores.tokens.prepareAttempts({
        attempts: claimed.map((d, i) => ({
          runId: d.run.id,
          tokenHash: hashCallbackToken(tokens[i]),
        })),
        expiresAt,
      });
      const outcomes = await Promise.all(
        claimed.map((d, i) => this.#deliver(d, tokens[i], expiresAt)),
      );
      delivered += outcomes.filter(Boolean).length;
    }
    return delivered;
  }

  async #deliver(
    delivery: ClaimedDelivery,
    token: string,
    expiresAt: Date,
  ): Promise<boolean> {
    const { config } = this.#o;
    const { outbox } = this.#o.stores;
    const logger = this.#o.logger.child({
      runId: delivery.run.id,
      attempt: delivery.attempts,
    });
    const { run } = delivery;
    let where: Awaited<ReturnType<CallbackTokenDelivery['deliver']>>;
    try {
      where = await this.#tokens.deliver(run.id, token, expiresAt);
    } catch (error) {
      // Not posted: the workflow would have no token to report with.
      return this.#failed(delivery, logger, {
        kind: 'retry',
        error: (error as Error).message,
      });
    }
    const payload: WebhookRunPayload = {
      runId: run.id,
      template: run.template,
      entityRef: run.entityRef,
      owner: run.owner,
      team: teamOfGroupRef(run.owner),
      user: run.userRef,
      parameters: run.parameters,
      callbackUrl: await this.#o.callbackUrl(run.id),
      ...where,
      callbackTokenExpiresAt: expiresAt.toISOString(),
    };
    const outcome = await postToWebhook({
      url: config.webhookUrl!,
      authToken: config.authToken,
      idempotencyKey: delivery.idempotencyKey,
      payload,
      timeoutMs: config.requestTimeoutMs,
      signal: this.#shutdown.signal,
    });

    if (outcome.kind === 'delivered') {
      await outbox.markDelivered(delivery);
      logger.info(
        `Delivered provisioning run to the webhook (${outcome.status})`,
      );
      return true;
    }
    if (this.#shutdown.signal.aborted) {
      // Stopped mid-request: whether the webhook got it is unknown, so another replica (or this
      // one after restart) delivers it again with the same idempotency key.
      await outbox.release(delivery);
      logger.info('Shutting down: provisioning run handed back to the outbox');
      return false;
    }
    return this.#failed(delivery, logger, outcome);
  }

  async #failed(
    delivery: ClaimedDelivery,
    logger: LoggerService,
    outcome: Exclude<WebhookOutcome, { kind: 'delivered' }>,
  ): Promise<boolean> {
    const { config } = this.#o;
    const { outbox } = this.#o.stores;
    if (outcome.kind === 'retry' && delivery.attempts < config.maxAttempts) {
      const delay = Math.max(
        backoffDelay(
          delivery.attempts,
          config.backoffBaseMs,
          config.backoffMaxMs,
        ),
        Math.min(outcome.retryAfterMs ?? 0, config.backoffMaxMs),
      );
      await outbox.markRetry(
        delivery,
        outcome.error,
        new Date(Date.now() + delay),
      );
      logger.warn(
        `Provisioning webhook delivery failed (${outcome.error}), retry in ${delay} ms`,
      );
      return false;
    }
    const reason =
      outcome.kind === 'permanent'
        ? `The Argo Events webhook refused the run: ${outcome.error}`
        : `Delivery to the Argo Events webhook failed after ${delivery.attempts} attempts: ${outcome.error}`;
    await outbox.markGivenUp(delivery, outcome.error, reason);
    logger.error(`Provisioning run failed: ${reason}`);
    await this.#tokens
      .remove(delivery.run.id)
      .catch(error =>
        logger.warn(`${(error as Error).message}; the sweep will retry`),
      );
    return false;
  }
}

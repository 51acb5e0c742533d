/*
 * A fake of the action's ProvisioningClient for the action's own tests: it records each call with
 * the credentials it was made on behalf of, refuses when told to, and answers getRun with the next
 * snapshot of a scripted timeline (the last one repeats). The action against the real
 * provisioning backend is tested in packages/backend/src/integration.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  ProvisioningRunDetail,
  RunEvent,
  RunStatus,
  TriggerRunRequest,
} from '@internal/plugin-provisioning-common';
import type { ProvisioningClient } from '../actions/provisioningClient';

export const FAKE_RUN_ID = '11111111-1111-4111-8111-111111111111';

/** One step report of a scripted run. */
export function runEvent(
  seq: number,
  step: string,
  status: RunEvent['status'],
  extra: Partial<RunEvent> = {},
): RunEvent {
  return {
    seq,
    eventId: `${step}-${status}-${seq}`,
    step,
    status,
    resources: [],
    final: false,
    receivedAt: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

export class FakeProvisioningClient implements ProvisioningClient {
  readonly triggered: Array<{
    request: TriggerRunRequest;
    onBehalfOf: BackstageCredentials;
  }> = [];
  readonly polled: Array<{ runId: string; onBehalfOf: BackstageCredentials }> =
    [];

  /**
   * @param timeline - what getRun answers, poll after poll: each entry is a status and the events
   *   reported so far (the last entry repeats)
   * @param refusal - thrown by trigger instead of starting a run
   */
  constructor(
    private readonly timeline: Array<{
      status: RunStatus;
      events?: RunEvent[];
      failureReason?: string;
    }> = [{ status: 'queued' }],
    private readonly refusal?: Error,
  ) {}

  async trigger(request: TriggerRunRequest, onBehalfOf: BackstageCredentials) {
    if (this.refusal) throw this.refusal;
    this.triggered.push({ request, onBehalfOf });
    return { runId: FAKE_RUN_ID, status: 'queued' as const };
  }

  async getRun(
    runId: string,
    onBehalfOf: BackstageCredentials,
  ): Promise<ProvisioningRunDetail> {
    this.polled.push({ runId, onBehalfOf });
    const snapshot =
      this.timeline[Math.min(this.polled.length, this.timeline.length) - 1];
    const request = this.triggered[0]?.request;
    return {
      id: runId,
      template: request?.template ?? '',
      entityRef: request?.entityRef ?? '',
      userRef: 'user:default/bob',
      parameters: request?.parameters ?? {},
      status: snapshot.status,
      failureReason: snapshot.failureReason,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      delivery: { attempts: 1 },
      events: snapshot.events ?? [],
    };
  }
}

import type {
  RunEvent,
  RunResource,
  StepStatus,
} from '@internal/plugin-provisioning-common';

/** One workflow step as the timeline shows it: its latest status, first and last report, links. */
export interface TimelineStep {
  step: string;
  status: StepStatus;
  message?: string;
  startedAt: string;
  updatedAt: string;
  resources: RunResource[];
}

/** The run's reports folded into steps, in the order the steps started. */
export function stepsOf(events: RunEvent[]): TimelineStep[] {
  const steps = new Map<string, TimelineStep>();
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    const step = steps.get(event.step);
    if (!step) {
      steps.set(event.step, {
        step: event.step,
        status: event.status,
        message: event.message,
        startedAt: event.receivedAt,
        updatedAt: event.receivedAt,
        resources: [...event.resources],
      });
      continue;
    }
    step.status = event.status;
    step.message = event.message ?? step.message;
    step.updatedAt = event.receivedAt;
    for (const r of event.resources) {
      if (!step.resources.some(x => x.url === r.url)) step.resources.push(r);
    }
  }
  return [...steps.values()];
}

import type { RunEvent } from '@internal/plugin-provisioning-common';

/** One task-log line for a step the workflow reported. */
export function describeEvent(event: RunEvent): string {
  const links = event.resources.map(r => `${r.title}: ${r.url}`).join(', ');
  return `[${event.step}] ${event.status}${
    event.message ? ` - ${event.message}` : ''
  }${links ? ` (${links})` : ''}`;
}

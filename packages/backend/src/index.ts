/*
 * Portico backend: wiring only. Every capability lives in a plugin or module under plugins/.
 * The features, in order and with what each one is for, are listed in features.ts (the same list
 * the cross-plugin tests start).
 */
import { createBackend } from '@backstage/backend-defaults';
import { features } from './features';

const backend = createBackend();

for (const f of features) backend.add(f);

backend.start().catch(error => {
  // A configuration error is a message for the operator, not a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

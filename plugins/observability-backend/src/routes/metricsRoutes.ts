import { InputError } from '@backstage/errors';
import { SIGNALS, type Signal } from '@internal/plugin-observability-common';
import { json } from './auditedRoute';
import { ENTITY_PATH, entityRef, type RouteContext } from './requestParts';

/** Step of the overview card's sparklines over its hour (60 points). */
const SUMMARY_STEP_SECONDS = 60;

/** Each signal's series over a window, and the overview card's summary. */
export function registerMetricsRoutes(context: RouteContext): void {
  const { router, audited, services, windows } = context;
  const { scopes, metrics } = services;

  router.get(
    `${ENTITY_PATH}/metrics/:signal`,
    audited({
      eventId: 'observability-metrics-read',
      audit: 'refusals',
      parse: req => {
        const signal = req.params.signal as Signal;
        if (!SIGNALS.includes(signal)) {
          throw new InputError(
            `Path parameter signal must be one of ${SIGNALS.join(', ')}`,
          );
        }
        return {
          ref: entityRef(req.params),
          signal,
          w: windows.chart(req.query),
        };
      },
      meta: ({ signal }) => ({ signal }),
      read: async ({ ref, signal, w }, credentials) =>
        json(
          await metrics.signal(
            await scopes.resolveEntity(ref, credentials),
            signal,
            w,
          ),
        ),
    }),
  );

  router.get(
    `${ENTITY_PATH}/summary`,
    audited({
      eventId: 'observability-summary-read',
      audit: 'refusals',
      parse: req => ({
        ref: entityRef(req.params),
        w: windows.chart({ range: '1h' }, SUMMARY_STEP_SECONDS),
      }),
      read: async ({ ref, w }, credentials) =>
        json(
          await metrics.summary(
            await scopes.resolveEntity(ref, credentials),
            w,
          ),
        ),
    }),
  );
}

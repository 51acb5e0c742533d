import { SIGNALS, type Signal } from '@internal/plugin-observability-common';
import { inputErrorFromZod } from '@internal/plugin-portico-node';
import { z } from 'zod';
import { json } from './auditedRoute';
import { ENTITY_PATH, entityRef, type RouteContext } from './requestParts';

/** Step of the overview card's sparklines over its hour (60 points). */
const SUMMARY_STEP_SECONDS = 60;

const SIGNAL_LIST = SIGNALS.join(', ');

/** `signals=cpu,memory,...`: each one of SIGNALS, at least one, none twice. */
const metricsQuery = z
  .object({
    signals: z
      .string({
        error: issue =>
          issue.input === undefined
            ? `is required: a comma-separated list of ${SIGNAL_LIST}`
            : 'must be given once, as one comma-separated list',
      })
      .max(200, 'is longer than any list of the signals')
      .transform(list => list.split(','))
      .pipe(
        z
          .array(z.enum(SIGNALS, { error: `must be one of ${SIGNAL_LIST}` }))
          .refine(
            list => new Set(list).size === list.length,
            'names a signal twice',
          ),
      ),
  })
  .passthrough();

/**
 * The charts of an entity: every signal a panel shows in one request (the entity, its scope and
 * the caller's access resolved once, every query in parallel), and the overview card's summary.
 */
export function registerMetricsRoutes(context: RouteContext): void {
  const { router, audited, services, windows } = context;
  const { scopes, metrics } = services;

  router.get(
    `${ENTITY_PATH}/metrics`,
    audited({
      eventId: 'observability-metrics-read',
      audit: 'refusals',
      parse: req => {
        const ref = entityRef(req.params);
        const parsed = metricsQuery.safeParse(req.query);
        if (!parsed.success) {
          throw inputErrorFromZod(parsed.error, {
            prefix: 'Query parameters',
          });
        }
        const signals: Signal[] = parsed.data.signals;
        return { ref, signals, w: windows.chart(req.query) };
      },
      meta: ({ signals, w }) => ({ signals, range: w.preset }),
      read: async ({ ref, signals, w }, credentials) =>
        json(
          await metrics.signals(
            await scopes.resolveEntity(ref, credentials),
            signals,
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

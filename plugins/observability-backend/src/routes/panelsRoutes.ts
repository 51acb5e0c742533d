import { InputError } from '@backstage/errors';
import { inputErrorFromZod } from '@internal/plugin-portico-node';
import { z } from 'zod';
import { grafanaPanelsResponse } from './grafanaPanelUrls';
import { json } from './auditedRoute';
import { ENTITY_PATH, entityRef, type RouteContext } from './requestParts';

/** Rendered panel sizes: a request's width and height are rounded up to one of these. */
export const PANEL_WIDTHS = [300, 600, 900, 1200, 1800];
export const PANEL_HEIGHTS = [150, 260, 300, 450, 600, 900];

function snapUp(value: number, sizes: readonly number[]): number {
  return sizes.find(size => size >= value) ?? sizes[sizes.length - 1];
}

const renderQuery = z
  .object({
    width: z
      .string()
      .regex(/^\d{2,4}$/, 'must be 10-9999')
      .optional(),
    height: z
      .string()
      .regex(/^\d{2,4}$/, 'must be 10-9999')
      .optional(),
  })
  .passthrough();

/** An entity's Grafana panels, and (render-proxy mode) each panel's image. */
export function registerPanelsRoutes(context: RouteContext): void {
  const { router, audited, services, config, windows } = context;
  const { scopes, panels } = services;

  router.get(
    `${ENTITY_PATH}/grafana`,
    audited({
      eventId: 'observability-grafana-panels-read',
      audit: 'refusals',
      parse: req => ({
        ref: entityRef(req.params),
        w: windows.chart(req.query),
      }),
      read: async ({ ref, w }, credentials) => {
        const resolved = await scopes.resolveEntity(ref, credentials);
        return json(
          grafanaPanelsResponse(panels.panels(resolved), resolved.ref, w),
        );
      },
    }),
  );

  router.get(
    `${ENTITY_PATH}/grafana/panels/:panelId/render`,
    audited({
      eventId: 'observability-grafana-panel-render',
      // the panel is rendered with the platform's Grafana token: users only
      usersOnly: true,
      audit: 'refusals',
      parse: req => {
        const ref = entityRef(req.params);
        if (!/^\d{1,9}$/.test(req.params.panelId)) {
          throw new InputError('Path parameter panelId must be a number');
        }
        const parsed = renderQuery.safeParse(req.query);
        if (!parsed.success) {
          throw inputErrorFromZod(parsed.error, {
            prefix: 'Query parameters',
          });
        }
        const { width: _w, height: _h, ...timeParams } = req.query;
        return {
          ref,
          panelId: Number(req.params.panelId),
          size: {
            width: snapUp(Number(parsed.data.width ?? 600), PANEL_WIDTHS),
            height: snapUp(Number(parsed.data.height ?? 260), PANEL_HEIGHTS),
          },
          w: windows.chart(timeParams),
        };
      },
      meta: ({ panelId }) => ({ panelId }),
      read: async ({ ref, panelId, size, w }, credentials) => {
        const image = await panels.renderPanel(
          await scopes.resolveEntity(ref, credentials),
          panelId,
          w,
          size,
        );
        return {
          send: res => {
            res.setHeader('Content-Type', image.contentType);
            res.setHeader(
              'Cache-Control',
              `private, max-age=${Math.round(config.cache.ttlSeconds)}`,
            );
            res.send(image.body);
          },
        };
      },
    }),
  );
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { GrafanaConfig } from '../config/ObservabilityConfig';
import { fetchFailure, UpstreamError } from '@internal/plugin-portico-node';

/** A rendered panel. */
export interface RenderedPanel {
  contentType: string;
  body: Buffer;
}

/**
 * Fetches single panels as PNG from Grafana's image renderer (`/render/d-solo/<uid>/`) with the
 * service account token, so browsers see panels without a Grafana session or anonymous access.
 */
export class GrafanaRenderer {
  rendersSent = 0;

  constructor(
    private readonly config: GrafanaConfig,
    private readonly logger: LoggerService,
  ) {}

  async render(uid: string, params: URLSearchParams): Promise<RenderedPanel> {
    const { internalUrl, serviceAccountToken, timeoutMs } = this.config;
    this.rendersSent += 1;
    let response: Response;
    let body: Buffer;
    try {
      response = await fetch(
        `${internalUrl}/render/d-solo/${encodeURIComponent(uid)}/?${params}`,
        {
          headers: {
            Authorization: `Bearer ${serviceAccountToken}`,
            Accept: 'image/png',
          },
          signal: AbortSignal.timeout(timeoutMs),
        },
      );
      body = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throw fetchFailure('Grafana', timeoutMs, error);
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok || !contentType.startsWith('image/png')) {
      this.logger.warn('Grafana panel render failed', {
        status: response.status,
        contentType,
        uid,
        panelId: params.get('panelId') ?? undefined,
      });
      throw new UpstreamError(
        `Grafana could not render panel ${params.get('panelId')} (HTTP ${
          response.status
        })`,
        502,
      );
    }
    return { contentType: 'image/png', body };
  }
}

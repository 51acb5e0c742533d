import {
  defaultTemplates,
  LATENCY_QUANTILES,
  type HttpMetricFamily,
  type TemplateSignal,
} from '../query/defaultTemplates';
import { LabelSelector, type LabelMatcher } from '../query/LabelSelector';
import { renderTemplate } from '../query/renderTemplate';

/**
 * The PromQL the backend sends for one series under the default templates, for the entity whose
 * selector is `matchers` (in order): for benchmarks and checks that ask Prometheus directly what
 * the backend asks it.
 */
export function defaultQuery(options: {
  signal: TemplateSignal;
  series: string;
  matchers: LabelMatcher[];
  windowSeconds: number;
  http?: HttpMetricFamily;
}): string {
  return renderTemplate(
    defaultTemplates(options.http ?? 'prometheus')[options.signal][
      options.series
    ],
    {
      selector: LabelSelector.of(options.matchers),
      windowSeconds: options.windowSeconds,
      quantile:
        options.signal === 'latency'
          ? LATENCY_QUANTILES[options.series]
          : undefined,
    },
  );
}

import type { LabelSelector } from './LabelSelector';

const PLACEHOLDER = /\$([a-zA-Z_]+)/g;
const KNOWN = new Set(['selector', 'window', 'quantile']);

/** Why a configured template is unusable, or undefined. Checked once at start. */
export function templateProblem(template: string): string | undefined {
  if (!template.includes('$selector')) {
    return 'it must contain $selector, or it would read every service';
  }
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has(name)) {
      return `unknown placeholder $${name} (known: $selector, $window, $quantile)`;
    }
  }
  return undefined;
}

/** Values a template is filled with. Only the selector comes from outside, already escaped. */
export interface TemplateValues {
  selector: LabelSelector;
  /** Rate window in whole seconds. */
  windowSeconds: number;
  /** A quantile literal from LATENCY_QUANTILES. */
  quantile?: string;
}

/** The query of one series: placeholders replaced in a single pass. */
export function renderTemplate(
  template: string,
  values: TemplateValues,
): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    switch (name) {
      case 'selector':
        return values.selector.toMatchers();
      case 'window':
        return `${Math.max(1, Math.round(values.windowSeconds))}s`;
      case 'quantile':
        return values.quantile ?? '0.5';
      default:
        throw new Error(`unknown placeholder $${name}`);
    }
  });
}

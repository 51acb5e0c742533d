import type { SignalUnit } from '@internal/plugin-observability-common';

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

function trim(n: number, digits: number): string {
  return Number(n.toFixed(digits)).toString();
}

/** A value with its unit, short enough for a chart axis or a card. */
export function formatValue(
  unit: SignalUnit,
  value: number | null | undefined,
): string {
  if (value === null || value === undefined || !Number.isFinite(value))
    return '–';
  switch (unit) {
    case 'bytes': {
      let v = value;
      let i = 0;
      while (Math.abs(v) >= 1024 && i < BYTE_UNITS.length - 1) {
        v /= 1024;
        i += 1;
      }
      return `${trim(v, v >= 100 ? 0 : 1)} ${BYTE_UNITS[i]}`;
    }
    case 'cores':
      return value < 1
        ? `${trim(value * 1000, 0)}m`
        : `${trim(value, 2)} cores`;
    case 'requests/s':
      return `${trim(value, value >= 100 ? 0 : 1)} req/s`;
    case 'percent':
      return `${trim(value, value >= 10 ? 1 : 2)} %`;
    case 'seconds':
      return value < 1 ? `${trim(value * 1000, 0)} ms` : `${trim(value, 2)} s`;
    case 'count':
      return trim(value, 0);
    default:
      return String(value);
  }
}

/** Money in the configured currency. */
export function formatMoney(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
    }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

/** Axis tick of a time in unix seconds: time of day for short ranges, date for long ones. */
export function formatTick(seconds: number, rangeSeconds: number): string {
  const date = new Date(seconds * 1000);
  if (rangeSeconds > 2 * 86400) {
    return date.toLocaleDateString(undefined, {
      month: 'short',
      day: 'numeric',
    });
  }
  return date.toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
  });
}

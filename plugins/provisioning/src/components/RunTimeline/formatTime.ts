/** `iso` in British English with `options`; text that is not a timestamp is shown as it is. */
function format(iso: string, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', options);
}

/** A timestamp as the page shows it: local date and time to the second. */
export function formatTime(iso: string): string {
  return format(iso, {
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** A timestamp in a table: day, month and time to the minute. */
export function formatShortTime(iso: string): string {
  return format(iso, {
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

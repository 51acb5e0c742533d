/*
 * The time range inputs are `datetime-local` fields (the browser's time zone, minute precision);
 * the filter and the URL hold ISO 8601 instants, which is what the backend takes.
 */

function pad(value: number) {
  return String(value).padStart(2, '0');
}

/** `2024-03-01T09:30:00.000Z` → `2024-03-01T10:30` in UTC+1; empty for a missing or bad value. */
export function isoToDateTimeLocal(iso: string | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (local time) → ISO instant; `undefined` when empty or not a date. */
export function dateTimeLocalToIso(value: string): string | undefined {
  if (!value) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

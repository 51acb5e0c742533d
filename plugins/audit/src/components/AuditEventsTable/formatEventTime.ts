function pad(value: number, width = 2) {
  return String(value).padStart(width, '0');
}

/** An event time in the browser's time zone, as `2024-03-01 10:30:15`; the input if not a date. */
export function formatEventTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(
    date.getSeconds(),
  )}`;
}

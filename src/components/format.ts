/** Dates as reviewers read them: in their locale, with the day count to a deadline. */
const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateFormat.format(time);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateTimeFormat.format(time);
}

const DAY = 86_400_000;

/** Whole days between now and the date: negative when past, 0 when less than a day either way. */
export function relativeDays(iso: string, now = Date.now()): number {
  const diff = Date.parse(iso) - now;
  const days = Math.floor(Math.abs(diff) / DAY);
  return diff >= 0 ? days : days === 0 ? 0 : -days;
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 100;
}

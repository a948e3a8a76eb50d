const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar day (`2026-11-03`) as a short date in the reader's locale: "Nov 3" in American
 * English, "3. Nov." in German. A day is no instant, so it is read in UTC and never shifts to
 * the day before or after with the reader's time zone. Text that is no day is given back as it is.
 */
export function formatDay(day: string, locale?: string): string {
  const t = Date.parse(day);
  if (Number.isNaN(t)) return day;
  const key = locale ?? '';
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
    dayFormats.set(key, format);
  }
  return format.format(t);
}

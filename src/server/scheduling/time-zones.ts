/** Converting a wall-clock time in an IANA time zone to an instant, with the platform's Intl data. */

function offsetMs(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The instant (ms since the epoch) of local time `2026-03-02T10:30` in `timeZone`. */
export function zonedTimeToUtcMs(local: string, timeZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) throw new RangeError(`not a local date and time: ${local}`);
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const wallClockAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const first = wallClockAsUtc - offsetMs(wallClockAsUtc, timeZone);
  return wallClockAsUtc - offsetMs(first, timeZone);
}

/** The co-op's mark, drawn inline (no external asset): people seated round one table. Decorative: the name beside it says what it is. */
export function Logo({ sizePx = 28 }: { sizePx?: number }) {
  return (
    <svg class="logo" width={sizePx} height={sizePx} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="30" height="30" rx="9" class="logo-ground" />
      <circle cx="16" cy="16" r="5.5" class="logo-table" />
      <circle cx="16" cy="6.5" r="2.6" class="logo-seat" />
      <circle cx="24.2" cy="20.8" r="2.6" class="logo-seat" />
      <circle cx="7.8" cy="20.8" r="2.6" class="logo-seat" />
    </svg>
  );
}

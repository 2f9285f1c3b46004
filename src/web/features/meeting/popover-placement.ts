/** Keeping a menu's panel inside the window: pure arithmetic, tested without a browser. */

/** The least room kept between a panel and the window's edge, in CSS pixels. */
export const windowMarginPx = 8;

/**
 * How far (CSS pixels, negative is left) a box spanning `left`–`right` must move to sit inside a
 * window `widthPx` wide with `marginPx` to spare on each side: 0 when it fits; a box wider than the
 * window is lined up with its left margin (the panel's own `max-width` keeps that from happening).
 */
export function shiftIntoWindow(left: number, right: number, widthPx: number, marginPx = windowMarginPx): number {
  if (right - left > widthPx - 2 * marginPx) return marginPx - left;
  if (right > widthPx - marginPx) return widthPx - marginPx - right;
  if (left < marginPx) return marginPx - left;
  return 0;
}

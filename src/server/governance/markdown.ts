/**
 * Markdown of proposals as HTML, for pages that show it as is. micromark escapes raw HTML (it
 * allows none); on top of that, images become their alternative text: an image from another host
 * would be a request to a third party from every reader's browser (a tracking pixel), and the
 * pages' Content-Security-Policy would block it anyway.
 */
import { micromark } from 'micromark';

/** micromark's image element: `src`, `alt` and perhaps `title`, their values escaped (no `"` inside). */
const imageElement = /<img src="[^"]*" alt="([^"]*)"(?: title="[^"]*")? \/>/g;

/** `markdown` as HTML with no raw HTML and no images (each replaced by its alternative text, already escaped). */
export function markdownToHtml(markdown: string): string {
  return micromark(markdown).replace(imageElement, '$1');
}

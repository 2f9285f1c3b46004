/** Finding web addresses in chat text, so they can be shown as safe links. */

const urlPattern = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** Splits text into plain parts and http(s) links. */
export function linkify(text: string): ({ kind: 'text'; text: string } | { kind: 'link'; href: string })[] {
  const parts: ({ kind: 'text'; text: string } | { kind: 'link'; href: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ kind: 'text', text: text.slice(last, index) });
    parts.push({ kind: 'link', href: match[0] });
    last = index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

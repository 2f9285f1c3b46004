/**
 * What the shared notes may hold and how they leave the meeting: ProseMirror's basic schema with
 * lists (paragraphs, headings, lists, quotes, code, rules, line breaks; strong, emphasis, code,
 * links) without images — an image would be fetched from wherever its address points, a
 * third-party request from every participant's browser — and exports as Markdown (the node names
 * are the ones `prosemirror-markdown` serializes, loaded only when someone exports) and as a
 * standalone HTML page.
 */
import { DOMSerializer, type Node as ProseMirrorNode, Schema } from 'prosemirror-model';
import { schema as basicSchema } from 'prosemirror-schema-basic';
import { addListNodes } from 'prosemirror-schema-list';
import { Transform } from 'prosemirror-transform';

/** Only web and mail addresses are links: another editor could set `javascript:` or `data:` ones. */
export function safeHref(href: unknown): string | undefined {
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : undefined;
}

const linkSpec = basicSchema.spec.marks.get('link');

export const notesSchema = new Schema({
  nodes: addListNodes(basicSchema.spec.nodes.remove('image'), 'paragraph block*', 'block'),
  marks: basicSchema.spec.marks.update('link', {
    ...linkSpec,
    toDOM(mark) {
      const href = safeHref(mark.attrs.href);
      return ['a', href ? { href, rel: 'noopener noreferrer nofollow', target: '_blank' } : {}, 0];
    },
  }),
});

/** `doc` without the links whose address is not a web or mail address (their text stays). */
function withSafeLinks(doc: ProseMirrorNode): ProseMirrorNode {
  const transform = new Transform(doc);
  doc.descendants((node, position) => {
    for (const mark of node.marks) {
      if (mark.type.name === 'link' && !safeHref(mark.attrs.href)) transform.removeMark(position, position + node.nodeSize, mark);
    }
  });
  return transform.doc;
}

/** The notes as Markdown (CommonMark, by `prosemirror-markdown`'s serializer, loaded now). */
export async function notesAsMarkdown(doc: ProseMirrorNode): Promise<string> {
  const { defaultMarkdownSerializer } = await import('prosemirror-markdown');
  return `${defaultMarkdownSerializer.serialize(withSafeLinks(doc))}\n`;
}

/** The notes as a standalone HTML page titled `title` (no script, no outside resource). */
export function notesAsHtml(doc: ProseMirrorNode, title: string, language: string): string {
  const container = document.createElement('div');
  container.append(DOMSerializer.fromSchema(notesSchema).serializeFragment(doc.content));
  const page = document.implementation.createHTMLDocument(title);
  page.documentElement.lang = language;
  const charset = page.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  page.head.prepend(charset);
  const style = page.createElement('style');
  style.textContent =
    'body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:.5rem}';
  page.head.append(style);
  const heading = page.createElement('h1');
  heading.textContent = title;
  page.body.append(heading, ...container.childNodes);
  return `<!doctype html>\n${page.documentElement.outerHTML}\n`;
}

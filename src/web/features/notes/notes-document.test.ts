import { describe, expect, it } from 'vitest';
import { notesAsMarkdown, notesSchema, safeHref } from './notes-document.js';

describe('the notes document', () => {
  it('holds headings, lists, emphasis and links, and no images (they would be fetched from anywhere)', () => {
    expect(Object.keys(notesSchema.nodes)).not.toContain('image');
    expect(Object.keys(notesSchema.nodes)).toEqual(
      expect.arrayContaining(['heading', 'bullet_list', 'ordered_list', 'code_block', 'blockquote']),
    );
    expect(() =>
      notesSchema.nodeFromJSON({ type: 'doc', content: [{ type: 'image', attrs: { src: 'https://tracker.example/pixel.png' } }] }),
    ).toThrow();
  });

  it('exports as Markdown', async () => {
    const doc = notesSchema.nodeFromJSON({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Agenda' }] },
        {
          type: 'bullet_list',
          content: [
            {
              type: 'list_item',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Budget', marks: [{ type: 'strong' }] }] }],
            },
            { type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Rota' }] }] },
          ],
        },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'See the wiki', marks: [{ type: 'link', attrs: { href: 'https://wiki.example/coop', title: null } }] },
          ],
        },
      ],
    });
    expect(await notesAsMarkdown(doc)).toBe('## Agenda\n\n* **Budget**\n\n* Rota\n\n[See the wiki](https://wiki.example/coop)\n');
  });

  it('exports only web and mail addresses as links, keeping the text of the others', async () => {
    const doc = notesSchema.nodeFromJSON({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Click', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)', title: null } }] },
            { type: 'text', text: ' or ' },
            { type: 'text', text: 'read', marks: [{ type: 'link', attrs: { href: 'https://example.org', title: null } }] },
          ],
        },
      ],
    });
    expect(await notesAsMarkdown(doc)).toBe('Click or [read](https://example.org)\n');
  });

  it('makes links only of web and mail addresses', () => {
    expect(safeHref(' https://example.org/a ')).toBe('https://example.org/a');
    expect(safeHref('mailto:board@example.org')).toBe('mailto:board@example.org');
    for (const href of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<script>',
      'vbscript:x',
      '//evil.example',
      42,
      null,
    ]) {
      expect(safeHref(href)).toBeUndefined();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './markdown.js';

describe('proposal Markdown as HTML', () => {
  it('keeps text, emphasis and links, and turns every image into its alternative text', () => {
    const html = markdownToHtml(
      'We **agree**. See [the budget](https://coop.example/budget).\n\n![a pixel](https://tracker.example/p.png "tracked") ![](x.png) ![<b>"q"</b>](https://t.example/q.png)',
    );
    expect(html).toContain('<strong>agree</strong>');
    expect(html).toContain('<a href="https://coop.example/budget">the budget</a>');
    expect(html).not.toMatch(/<img|tracker\.example|t\.example|x\.png/);
    expect(html).toContain('a pixel');
    expect(html).toContain('&lt;b&gt;&quot;q&quot;&lt;/b&gt;');
  });

  it('allows no raw HTML', () => {
    expect(markdownToHtml('<img src="https://tracker.example/p.png"><script>alert(1)</script>')).not.toMatch(/<img|<script/);
  });
});

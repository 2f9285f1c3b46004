import { describe, expect, it } from 'vitest';
import { linkify } from './chat-links.js';

describe('linkify', () => {
  it('turns http(s) addresses into links and leaves everything else as text', () => {
    expect(linkify('see https://example.org/a?b=1, then <b>x</b>')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: ', then <b>x</b>' },
    ]);
  });

  it('never links other schemes', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<script>', 'vbscript:x', 'file:///etc/passwd']) {
      expect(linkify(text)).toEqual([{ kind: 'text', text }]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { janusDisplayOf } from './janus-display.js';

describe('the display Janus is given for a publisher', () => {
  it('is the opaque participant label the meetings domain gives', () => {
    expect(janusDisplayOf('p_V1StGXR8_Z5jdHi6B/camera')).toBe('p_V1StGXR8_Z5jdHi6B/camera');
    expect(janusDisplayOf('p_V1StGXR8_Z5jdHi6B/screen')).toBe('p_V1StGXR8_Z5jdHi6B/screen');
  });

  it('is nothing at all when the label could be a person’s name', () => {
    for (const label of ['Ada Lovelace', 'Ada', 'p_short/camera', 'p_V1StGXR8_Z5jdHi6B/Ada', 'Ada p_V1StGXR8_Z5jdHi6B/camera']) {
      expect(janusDisplayOf(label), label).toBeUndefined();
    }
  });
});

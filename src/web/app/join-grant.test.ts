import { describe, expect, it } from 'vitest';
import { ticketInFragment } from './join-grant.js';

describe('a join link’s fragment', () => {
  it('gives its ticket when it is one, and nothing for anything else', () => {
    const ticket = 'Ab3_-'.repeat(8).concat('xyz');
    expect(ticketInFragment(`#ticket=${ticket}`)).toBe(ticket);
    expect(ticketInFragment(`ticket=${ticket}&other=1`)).toBe(ticket);
    expect(ticketInFragment('#ticket=short')).toBeUndefined();
    expect(ticketInFragment(`#ticket=${ticket}!`)).toBeUndefined();
    expect(ticketInFragment('')).toBeUndefined();
  });
});

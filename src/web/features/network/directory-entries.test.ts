import { describe, expect, it } from 'vitest';
import type { ListingView } from '../../../shared/network-api.js';
import { directoryEntries } from './directory-entries.js';

const listing = (id: string, member: string, memberName: string, kind: 'offer' | 'want'): ListingView => ({
  id,
  member,
  memberName,
  kind,
  title: id,
  description: '',
  category: 'goods',
  createdAtMs: 0,
});

describe('directory entries', () => {
  it('puts each listing under its member, members in the server order first, then those found only by a listing', () => {
    const entries = directoryEntries({
      members: [
        { slug: 'bakery', name: 'Bakery', status: 'approved', location: 'Leeds', coOp: false },
        { slug: 'ateliers', name: 'Ateliers', status: 'approved', location: '', coOp: true },
      ],
      listings: [
        listing('bread', 'bakery', 'Bakery', 'offer'),
        listing('vans', 'zeta', 'Zeta Transport', 'offer'),
        listing('flour', 'bakery', 'Bakery', 'want'),
        listing('hosting', 'acme', 'Acme', 'want'),
      ],
    });
    expect(entries.map((entry) => entry.slug)).toEqual(['bakery', 'ateliers', 'acme', 'zeta']);
    expect(entries[0]?.offers.map((offer) => offer.id)).toEqual(['bread']);
    expect(entries[0]?.wants.map((want) => want.id)).toEqual(['flour']);
    expect(entries[0]?.location).toBe('Leeds');
    expect(entries[1]?.coOp).toBe(true);
    expect(entries[2]?.wants.map((want) => want.id)).toEqual(['hosting']);
  });
});

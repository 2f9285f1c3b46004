/** The directory's answer (members, and listings found on their own) as one entry per member with its offers and wants. */
import type { DirectoryView, ListingView } from '../../../shared/network-api.js';

/** A member found in the directory, with the offers and wants that matched. */
export interface DirectoryEntry {
  slug: string;
  name: string;
  /** Empty when the member was found only through its listings (the answer then has no summary). */
  location: string;
  coOp: boolean;
  offers: ListingView[];
  wants: ListingView[];
}

/**
 * Members in the server's order (by name), then members found only through a listing, by name;
 * each with its matching listings, newest first as the server sent them.
 */
export function directoryEntries(view: DirectoryView): DirectoryEntry[] {
  const entries = new Map<string, DirectoryEntry>();
  for (const member of view.members) {
    entries.set(member.slug, { slug: member.slug, name: member.name, location: member.location, coOp: member.coOp, offers: [], wants: [] });
  }
  const foundThroughListings: DirectoryEntry[] = [];
  for (const listing of view.listings) {
    let entry = entries.get(listing.member);
    if (!entry) {
      entry = { slug: listing.member, name: listing.memberName, location: '', coOp: false, offers: [], wants: [] };
      entries.set(listing.member, entry);
      foundThroughListings.push(entry);
    }
    (listing.kind === 'offer' ? entry.offers : entry.wants).push(listing);
  }
  const listed = view.members.flatMap((member) => entries.get(member.slug) ?? []);
  foundThroughListings.sort((first, second) => first.name.localeCompare(second.name));
  return [...listed, ...foundThroughListings];
}

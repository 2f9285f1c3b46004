/**
 * What this browser keeps of a secret ballot: the ballot token the first vote returned (the
 * server never stores it, and needs it to change the ballot) and the ballot cast, under
 * `plenary.ballot.<proposalId>.<memberId>` in the given storage (the pages pass `localStorage`).
 * Whatever is read back is checked with the shared schemas; anything else counts as nothing kept.
 * No function throws: a storage that refuses (private browsing, quota, blocked) answers
 * undefined or false.
 */
import { z } from 'zod';
import { BallotSchema, BallotTokenSchema } from '../../../shared/governance-api.js';
import type { Ballot } from './governance.js';

/** The part of the Web Storage API the keeper uses; `localStorage`, or a fake in tests. */
export type BallotStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A secret ballot as this browser keeps it. */
export interface KeptBallot {
  /** The ballot token, to send back when changing the ballot. */
  token: string;
  /** The ballot last cast with it. */
  ballot: Ballot;
}

const KeptBallotSchema = z.object({ token: BallotTokenSchema, ballot: BallotSchema });

/** The storage key of one member's secret ballot on one proposal: `plenary.ballot.<proposalId>.<memberId>`. */
export function keptBallotKey(proposalId: string, memberId: string): string {
  return `plenary.ballot.${proposalId}.${memberId}`;
}

/** The browser's `localStorage`, or undefined where the page may not use it. */
export function browserBallotStorage(): BallotStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** The ballot kept for `memberId` on `proposalId`; undefined when none is, or what is kept is not one. */
export function keptBallot(storage: BallotStorage | undefined, proposalId: string, memberId: string): KeptBallot | undefined {
  let text: string | null;
  try {
    text = storage?.getItem(keptBallotKey(proposalId, memberId)) ?? null;
  } catch {
    return undefined;
  }
  if (text === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = KeptBallotSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** Keeps `kept` for `memberId` on `proposalId`, replacing what was; whether the storage took it. */
export function keepBallot(storage: BallotStorage | undefined, proposalId: string, memberId: string, kept: KeptBallot): boolean {
  if (!storage) return false;
  try {
    storage.setItem(keptBallotKey(proposalId, memberId), JSON.stringify({ token: kept.token, ballot: kept.ballot }));
    return true;
  } catch {
    return false;
  }
}

/** Forgets what is kept for `memberId` on `proposalId` (nothing happens when nothing is). */
export function forgetBallot(storage: BallotStorage | undefined, proposalId: string, memberId: string): void {
  try {
    storage?.removeItem(keptBallotKey(proposalId, memberId));
  } catch {
    // A storage that refuses to forget has nothing this page can do about it.
  }
}

/**
 * Whether the storage can keep a ballot now: a probe written and removed under the keeper's own
 * prefix. Checked before a first secret vote, since the token it returns cannot be asked for again.
 */
export function canKeepBallots(storage: BallotStorage | undefined): boolean {
  if (!storage) return false;
  const probe = 'plenary.ballot.probe';
  try {
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * A new ballot token drawn in this browser: 32 random bytes in base64url (43 characters), as the
 * server expects. The browser keeps it before the first vote is sent, so a reply lost on the way
 * back loses nothing: sending the same vote again with it is the same ballot.
 */
export function newBallotToken(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = random(new Uint8Array(32));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * The safety code of an encrypted meeting: sixteen emoji that every participant sees alike only if
 * everyone holds the same public keys for the same people. Participants compare it by another
 * channel (reading it aloud, a phone call): a server that swapped a key to listen in would show
 * different codes to different people.
 *
 * It is SHA-256 over the lines `<participant id> <public key>` of everyone in the meeting, sorted,
 * joined with newlines; its first 80 bits, five at a time, pick sixteen of `safetyEmoji`. Eighty
 * bits, because a relay that swapped keys would choose both sides' substitutes and so need only a
 * birthday search (about 2^40 key pairs) to make two different codes look alike.
 */
import type { ParticipantId } from '../../../shared/ids.js';

/** The 32 emoji of safety codes, each with the key of its name in the meeting's words (read out by screen readers). */
export const safetyEmoji = [
  ['🐶', 'dog'],
  ['🐱', 'cat'],
  ['🦁', 'lion'],
  ['🐴', 'horse'],
  ['🦄', 'unicorn'],
  ['🐷', 'pig'],
  ['🐘', 'elephant'],
  ['🐰', 'rabbit'],
  ['🐼', 'panda'],
  ['🐓', 'rooster'],
  ['🐧', 'penguin'],
  ['🐢', 'turtle'],
  ['🐟', 'fish'],
  ['🐙', 'octopus'],
  ['🦋', 'butterfly'],
  ['🌷', 'flower'],
  ['🌳', 'tree'],
  ['🌵', 'cactus'],
  ['🍄', 'mushroom'],
  ['🌍', 'globe'],
  ['🌙', 'moon'],
  ['☁️', 'cloud'],
  ['🔥', 'fire'],
  ['🍌', 'banana'],
  ['🍎', 'apple'],
  ['🍓', 'strawberry'],
  ['🌽', 'corn'],
  ['🍕', 'pizza'],
  ['🎂', 'cake'],
  ['❤️', 'heart'],
  ['🙂', 'smiley'],
  ['🤖', 'robot'],
] as const;

/** The name key of one safety emoji. */
export type SafetyEmojiName = (typeof safetyEmoji)[number][1];

/** Emoji in a safety code. */
export const safetyCodeLength = 16;

/** The meeting's safety code, as indexes into `safetyEmoji`. */
export async function safetyCode(identities: readonly { participantId: ParticipantId; publicKey: string }[]): Promise<number[]> {
  const lines = identities.map(({ participantId, publicKey }) => `${participantId} ${publicKey}`).sort();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(lines.join('\n'))));
  let bits = 0n;
  for (const byte of digest.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  return Array.from({ length: safetyCodeLength }, (_, index) => Number((bits >> BigInt(75 - index * 5)) & 31n));
}

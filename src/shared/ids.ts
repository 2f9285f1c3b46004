import { z } from 'zod';

/**
 * Room ids are unguessable: 12 characters from a 32-letter alphabet without look-alikes
 * (60 bits), shown as `xxxx-xxxx-xxxx` so that they can be read aloud.
 */
export const roomIdAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
const roomIdPattern = new RegExp(`^[${roomIdAlphabet}]{4}-[${roomIdAlphabet}]{4}-[${roomIdAlphabet}]{4}$`);

export const RoomIdSchema = z.string().regex(roomIdPattern, 'not a room id').brand<'RoomId'>();
/** The persistent id of a room, used in its shareable link. */
export type RoomId = z.infer<typeof RoomIdSchema>;

export const ParticipantIdSchema = z
  .string()
  .regex(/^p_[A-Za-z0-9_-]{10,32}$/, 'not a participant id')
  .brand<'ParticipantId'>();
/** The id of one participant in one live meeting; never a Janus id. */
export type ParticipantId = z.infer<typeof ParticipantIdSchema>;

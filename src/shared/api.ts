/** Schemas of Plenary's HTTP API, shared by the server (validation) and the browser (parsing). */
import { z } from 'zod';
import { RoomIdSchema } from './ids.js';
import { limits } from './limits.js';
import { DisabledFeaturesSchema, LockedSettingsSchema } from './protocol.js';
import { labelSchema } from './text.js';

/** Every error response: a stable code and a sentence for people. */
export const ApiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const CreateRoomRequestSchema = z
  .object({
    name: labelSchema(limits.roomNameCharactersMax).optional(),
  })
  .strict();
export type CreateRoomRequest = z.input<typeof CreateRoomRequestSchema>;

export const RoomSchema = z.object({
  roomId: RoomIdSchema,
  name: z.string(),
  /** The shareable link of the room. */
  url: z.string(),
  participantsMax: z.number().int().positive(),
  /** People in the meeting right now. */
  participantsNow: z.number().int().nonnegative(),
  /** Joining needs the viewer access code (or the moderator code). */
  requiresAccessCode: z.boolean(),
});
export type RoomView = z.infer<typeof RoomSchema>;

/** The answer to creating a room: the room, and the moderator code its creator keeps. */
export const CreatedRoomSchema = RoomSchema.extend({ moderatorCode: z.string() });

/** A room's settings, as moderators see and change them on the settings page. */
export const RoomSettingsSchema = z.object({
  name: z.string(),
  participantsMax: z.number().int().positive(),
  moderatorCode: z.string(),
  viewerCode: z.string().nullable(),
  muteOnJoin: z.boolean(),
  waitingRoom: z.boolean(),
  /** What each meeting starts with locked for viewers and guests (moderators change it during the meeting). */
  viewerLocks: LockedSettingsSchema,
  /** What is off for everyone in this room's meetings. */
  disabledFeatures: DisabledFeaturesSchema,
  /** Meetings are end-to-end encrypted (a meeting keeps the setting it started with). */
  endToEndEncryption: z.boolean(),
});
export type RoomSettingsView = z.infer<typeof RoomSettingsSchema>;

const AccessCodeSchema = z
  .string()
  .trim()
  .min(limits.accessCodeCharactersMin, `must be at least ${limits.accessCodeCharactersMin} characters`)
  .max(limits.accessCodeCharactersMax, `must be at most ${limits.accessCodeCharactersMax} characters`)
  .regex(/^[\p{L}\p{N}_-]+$/u, 'may contain only letters, digits, - and _');

export const UpdateRoomSettingsSchema = z
  .object({
    name: labelSchema(limits.roomNameCharactersMax).optional(),
    participantsMax: z.number().int().min(2).max(limits.participantsPerRoomMax).optional(),
    /** A new viewer code, or `null` to let anyone with the link in. */
    viewerCode: AccessCodeSchema.nullable().optional(),
    muteOnJoin: z.boolean().optional(),
    waitingRoom: z.boolean().optional(),
    viewerLocks: LockedSettingsSchema.strict().optional(),
    disabledFeatures: DisabledFeaturesSchema.optional(),
    endToEndEncryption: z.boolean().optional(),
    /** Makes a new moderator code (the old one stops working). */
    newModeratorCode: z.literal(true).optional(),
  })
  .strict();
export type UpdateRoomSettings = z.input<typeof UpdateRoomSettingsSchema>;

/** The header that carries a room's moderator code to the settings endpoints. */
export const moderatorCodeHeader = 'x-moderator-code';

export const RoomParamsSchema = z.object({ roomId: z.string() });

/** Schemas of Plenary's HTTP API, shared by the server (validation) and the browser (parsing). */
import { z } from 'zod';
import { RoomIdSchema } from './ids.js';
import { limits } from './limits.js';
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
});
export type RoomView = z.infer<typeof RoomSchema>;

export const RoomParamsSchema = z.object({ roomId: z.string() });

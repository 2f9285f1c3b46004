/** HTTP routes of the meetings domain: create a room, read a room. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateRoomRequestSchema, RoomParamsSchema, RoomSchema } from '../../shared/api.js';
import { RoomIdSchema } from '../../shared/ids.js';
import { limits } from '../../shared/limits.js';
import { sendError } from '../http/errors.js';
import type { RoomRegistry } from './live/index.js';
import type { Room, RoomsRepository } from './rooms-repository.js';

export interface MeetingsHttpOptions {
  rooms: RoomsRepository;
  registry: RoomRegistry;
  /** Base of shareable links, e.g. `https://meet.example.coop`. */
  publicUrl: (requestOrigin: string) => string;
}

export const meetingsHttp: FastifyPluginAsyncZod<MeetingsHttpOptions> = async (app, options) => {
  const view = (room: Room, origin: string) => ({
    roomId: room.id,
    name: room.name,
    url: `${options.publicUrl(origin)}/r/${room.id}`,
    participantsMax: Math.min(room.participantsMax, limits.participantsPerRoomMax),
    participantsNow: options.registry.find(room.id)?.participants.size ?? 0,
  });

  app.post(
    '/api/rooms',
    {
      // The body may be left out entirely (no name: a default one).
      schema: { body: CreateRoomRequestSchema.nullish(), response: { 201: RoomSchema } },
      config: { rateLimit: { max: limits.roomCreationsPerMinuteMax, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const room = await options.rooms.create({
        name: request.body?.name ?? 'Meeting',
        participantsMax: limits.participantsPerRoomMax,
      });
      request.log.info({ roomId: room.id }, 'room created');
      return reply.code(201).send(view(room, `${request.protocol}://${request.host}`));
    },
  );

  app.get('/api/rooms/:roomId', { schema: { params: RoomParamsSchema, response: { 200: RoomSchema } } }, async (request, reply) => {
    const roomId = RoomIdSchema.safeParse(request.params.roomId);
    const room = roomId.success ? await options.rooms.find(roomId.data) : undefined;
    if (!room) return sendError(reply, 404, 'room_not_found', 'There is no room with this link. Check the link, or start a new meeting.');
    return view(room, `${request.protocol}://${request.host}`);
  });
};

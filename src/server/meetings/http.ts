/** HTTP routes of the meetings domain: create a room, read it, and its moderators' settings. */

import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreatedRoomSchema,
  CreateRoomRequestSchema,
  moderatorCodeHeader,
  RoomParamsSchema,
  RoomSchema,
  RoomSettingsSchema,
  UpdateRoomSettingsSchema,
} from '../../shared/api.js';
import { RoomIdSchema } from '../../shared/ids.js';
import { limits } from '../../shared/limits.js';
import { sendFailure } from '../http/errors.js';
import { failure } from '../platform/outcome.js';
import { meetingsFailureStatus } from './failure-status.js';
import type { RoomRegistry } from './live/index.js';
import { presentationHttp } from './presentation-http.js';
import { newModeratorCode, type Room, type RoomSettings, type RoomsRepository } from './rooms-repository.js';
import { meetingsWords } from './words.js';

export interface MeetingsHttpOptions {
  rooms: RoomsRepository;
  registry: RoomRegistry;
  /** Base of shareable links, e.g. `https://meet.example.coop`. */
  publicUrl: (requestOrigin: string) => string;
}

const settingsView = (room: Room) => ({
  name: room.name,
  participantsMax: room.participantsMax,
  moderatorCode: room.moderatorCode,
  viewerCode: room.viewerCode,
  muteOnJoin: room.muteOnJoin,
  waitingRoom: room.waitingRoom,
  viewerLocks: room.viewerLocks,
  disabledFeatures: room.disabledFeatures,
  endToEndEncryption: room.endToEndEncryption,
});

export const meetingsHttp: FastifyPluginAsyncZod<MeetingsHttpOptions> = async (app, options) => {
  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
  const view = (room: Room, requestOrigin: string) => ({
    roomId: room.id,
    name: room.name,
    url: `${options.publicUrl(requestOrigin)}/r/${room.id}`,
    participantsMax: Math.min(room.participantsMax, limits.participantsPerRoomMax),
    participantsNow: options.registry.find(room.id)?.participants.size ?? 0,
    requiresAccessCode: room.viewerCode !== null,
  });

  /** The room of the request, or a 404 sent. */
  async function findRoom(roomIdParam: string, reply: FastifyReply): Promise<Room | undefined> {
    const roomId = RoomIdSchema.safeParse(roomIdParam);
    const room = roomId.success ? await options.rooms.find(roomId.data) : undefined;
    if (!room) {
      sendFailure(reply, meetingsFailureStatus, failure('room_not_found', meetingsWords.phrase('room_link_unknown')));
    }
    return room;
  }

  /** The room, if the request carries its moderator code; otherwise an error is sent. */
  async function moderatedRoom(request: FastifyRequest, roomIdParam: string, reply: FastifyReply): Promise<Room | undefined> {
    const room = await findRoom(roomIdParam, reply);
    if (!room) return undefined;
    const given = Buffer.from(String(request.headers[moderatorCodeHeader] ?? ''));
    const expected = Buffer.from(room.moderatorCode);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      sendFailure(reply, meetingsFailureStatus, failure('moderator_code_wrong', meetingsWords.phrase('moderators_only_settings')));
      return undefined;
    }
    return room;
  }

  app.post(
    '/api/rooms',
    {
      // The body may be left out entirely (no name: a default one).
      schema: { body: CreateRoomRequestSchema.nullish(), response: { 201: CreatedRoomSchema } },
      config: { rateLimit: { max: limits.roomCreationsPerMinuteMax, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const room = await options.rooms.create({
        name: request.body?.name ?? 'Meeting',
        participantsMax: limits.participantsPerRoomMax,
      });
      request.log.info({ roomId: room.id }, 'room created');
      return reply.code(201).send({ ...view(room, origin(request)), moderatorCode: room.moderatorCode });
    },
  );

  app.get('/api/rooms/:roomId', { schema: { params: RoomParamsSchema, response: { 200: RoomSchema } } }, async (request, reply) => {
    const room = await findRoom(request.params.roomId, reply);
    return room ? view(room, origin(request)) : reply;
  });

  await app.register(presentationHttp, { registry: options.registry });

  const settingsLimit = { rateLimit: { max: 30, timeWindow: 60_000 } };

  app.get(
    '/api/rooms/:roomId/settings',
    { schema: { params: RoomParamsSchema, response: { 200: RoomSettingsSchema } }, config: settingsLimit },
    async (request, reply) => {
      const room = await moderatedRoom(request, request.params.roomId, reply);
      return room ? settingsView(room) : reply;
    },
  );

  app.patch(
    '/api/rooms/:roomId/settings',
    { schema: { params: RoomParamsSchema, body: UpdateRoomSettingsSchema, response: { 200: RoomSettingsSchema } }, config: settingsLimit },
    async (request, reply) => {
      const room = await moderatedRoom(request, request.params.roomId, reply);
      if (!room) return reply;
      const { newModeratorCode: regenerate, ...changes } = request.body;
      const update: Partial<RoomSettings> = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      if (regenerate) update.moderatorCode = newModeratorCode();
      const updated = await options.rooms.updateSettings(room.id, update);
      if (!updated) return sendFailure(reply, meetingsFailureStatus, failure('room_not_found', meetingsWords.phrase('room_gone')));
      options.registry.roomChanged(updated);
      request.log.info({ roomId: room.id, changed: Object.keys(update) }, 'room settings changed');
      return settingsView(updated);
    },
  );
};

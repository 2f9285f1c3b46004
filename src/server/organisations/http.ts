/** HTTP routes of the organisations domain: organisations, people, invitations, owned rooms, the dashboard. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ChangeRoleRequestSchema,
  CreateOrganisationRequestSchema,
  CreateOwnedRoomRequestSchema,
  DashboardViewSchema,
  InvitationRequestSchema,
  MemberParamsSchema,
  OrganisationParamsSchema,
  OrganisationViewSchema,
  OwnedRoomParamsSchema,
  type OwnedRoomView,
  OwnedRoomViewSchema,
  PersonalRoomParamsSchema,
  RoomLookupViewSchema,
  type ScheduledMeetingView,
  TokenRequestSchema,
} from '../../shared/accounts-api.js';
import { accountLimits } from '../../shared/limits.js';
import { sendFailure } from '../http/errors.js';
import type { RoomsRepository } from '../meetings/index.js';
import { organisationsFailureStatus } from './failures.js';
import type { OrganisationsService, OwnedRoom } from './organisations-service.js';

export interface OrganisationsHttpOptions {
  organisations: OrganisationsService;
  rooms: RoomsRepository;
  /** Upcoming scheduled meetings of a room (from the scheduling domain). */
  upcoming: (roomId: string) => Promise<ScheduledMeetingView[]>;
  /** Base of links, e.g. `https://meet.example.coop`, from the request's origin. */
  publicUrl: (requestOrigin: string) => string;
}

const recentMeetingsShown = 5;
/** Requests that send email to addresses someone typed in, per client address per minute. */
const mailingRateLimit = { rateLimit: { max: accountLimits.mailingRequestsPerMinuteMax, timeWindow: 60_000 } };

export const organisationsHttp: FastifyPluginAsyncZod<OrganisationsHttpOptions> = async (app, options) => {
  const { organisations } = options;

  const roomView = async (room: OwnedRoom, base: string, administers: boolean): Promise<OwnedRoomView> => {
    const meetings = await options.rooms.listMeetings(room.roomId, recentMeetingsShown);
    const moderatorCode = administers ? ((await options.rooms.find(room.roomId))?.moderatorCode ?? null) : null;
    return {
      roomId: room.roomId,
      name: room.name,
      organisation: room.organisationSlug,
      slug: room.slug,
      url: `${base}/r/${room.roomId}`,
      readableUrl: room.organisationSlug
        ? `${base}/r/${room.organisationSlug}/${room.slug}`
        : room.personHandle
          ? `${base}/r/~${room.personHandle}/${room.slug}`
          : null,
      moderatorCode,
      calendarUrl: administers ? `${base}/api/calendar/${room.feedToken}.ics` : null,
      recentMeetings: meetings.map((meeting) => ({
        startedAtMs: meeting.startedAtMs,
        endedAtMs: meeting.endedAtMs,
        participantsPeak: meeting.participantsPeak,
        durationMs: meeting.endedAtMs === null ? null : meeting.endedAtMs - meeting.startedAtMs,
      })),
      upcomingMeetings: await options.upcoming(room.roomId),
    };
  };
  const base = (request: { protocol: string; host: string }) => options.publicUrl(`${request.protocol}://${request.host}`);

  app.post('/api/orgs', { schema: { body: CreateOrganisationRequestSchema } }, async (request, reply) => {
    const session = await request.actor.requireSession(reply);
    if (!session) return reply;
    const result = await organisations.create(session.person, request.body);
    if (!result.ok) return sendFailure(reply, organisationsFailureStatus, result);
    return reply.code(201).send({ slug: result.value.slug, name: result.value.name, role: result.value.role });
  });

  app.get(
    '/api/orgs/:org',
    { schema: { params: OrganisationParamsSchema, response: { 200: OrganisationViewSchema } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await organisations.view(session.person, request.params.org);
      return result.ok ? result.value : sendFailure(reply, organisationsFailureStatus, result);
    },
  );

  app.post(
    '/api/orgs/:org/invitations',
    { schema: { params: OrganisationParamsSchema, body: InvitationRequestSchema }, config: mailingRateLimit },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await organisations.invite(session.person, request.params.org, request.body, request.language);
      return result.ok ? reply.code(202).send({ invited: request.body.email }) : sendFailure(reply, organisationsFailureStatus, result);
    },
  );

  app.post('/api/invitations/accept', { schema: { body: TokenRequestSchema } }, async (request, reply) => {
    const session = await request.actor.requireSession(reply);
    if (!session) return reply;
    const result = await organisations.acceptInvitation(session.person, request.body.token);
    if (!result.ok) return sendFailure(reply, organisationsFailureStatus, result);
    return { slug: result.value.slug, name: result.value.name, role: result.value.role };
  });

  app.delete('/api/orgs/:org/members/:personId', { schema: { params: MemberParamsSchema } }, async (request, reply) => {
    const session = await request.actor.requireSession(reply);
    if (!session) return reply;
    const result = await organisations.removeMember(session.person, request.params.org, request.params.personId);
    return result.ok ? reply.code(204).send() : sendFailure(reply, organisationsFailureStatus, result);
  });

  app.put(
    '/api/orgs/:org/members/:personId',
    { schema: { params: MemberParamsSchema, body: ChangeRoleRequestSchema } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await organisations.changeRole(session.person, request.params.org, request.params.personId, request.body.role);
      return result.ok ? reply.code(204).send() : sendFailure(reply, organisationsFailureStatus, result);
    },
  );

  app.post(
    '/api/orgs/:org/rooms',
    { schema: { params: OrganisationParamsSchema, body: CreateOwnedRoomRequestSchema, response: { 201: OwnedRoomViewSchema } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await organisations.createRoom(session.person, request.params.org, request.body);
      if (!result.ok) return sendFailure(reply, organisationsFailureStatus, result);
      return reply.code(201).send(await roomView(result.value, base(request), true));
    },
  );

  app.post(
    '/api/me/rooms',
    { schema: { body: CreateOwnedRoomRequestSchema, response: { 201: OwnedRoomViewSchema } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await organisations.createRoom(session.person, null, request.body);
      if (!result.ok) return sendFailure(reply, organisationsFailureStatus, result);
      return reply.code(201).send(await roomView(result.value, base(request), true));
    },
  );

  // `/r/<org>/<room>` resolves here, for the organisation's members only.
  app.get(
    '/api/orgs/:org/rooms/:slug',
    { schema: { params: OwnedRoomParamsSchema, response: { 200: RoomLookupViewSchema } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await organisations.findRoomBySlug(session.person, request.params.org, request.params.slug);
      return result.ok ? { roomId: result.value.roomId } : sendFailure(reply, organisationsFailureStatus, result);
    },
  );

  // `/r/~<handle>/<room>` resolves here, for the room's owner only.
  app.get(
    '/api/people/:handle/rooms/:slug',
    { schema: { params: PersonalRoomParamsSchema, response: { 200: RoomLookupViewSchema } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await organisations.findPersonalRoomBySlug(session.person, request.params.handle, request.params.slug);
      return result.ok ? { roomId: result.value.roomId } : sendFailure(reply, organisationsFailureStatus, result);
    },
  );

  app.get('/api/dashboard', { schema: { response: { 200: DashboardViewSchema } } }, async (request, reply) => {
    const session = await request.actor.requireSession(reply);
    if (!session) return reply;
    const rooms = await organisations.roomsVisibleTo(session.person.id);
    const views: OwnedRoomView[] = [];
    for (const room of rooms)
      views.push(await roomView(room, base(request), await organisations.administersRoom(session.person.id, room.roomId)));
    return { rooms: views };
  });
};

/**
 * The operator console's API, for the co-op's operational members (`OPERATOR_EMAILS`): people,
 * organisations, live meetings and their load, the email outbox, and the audit log. Every
 * request is written to the audit log before it is answered. Nothing here can read chat,
 * notes or media: none of it is stored, and no route reaches a live meeting's content.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { nanoid } from 'nanoid';
import type { AccountsFailureCode, OperatorFailureCode } from '../../shared/failure-codes.js';
import { accountLimits } from '../../shared/limits.js';
import { MediaServerChangeSchema, MediaServerParamsSchema, NewMediaServerSchema } from '../../shared/media-servers-api.js';
import type { AccountsService } from '../accounts/index.js';
import type { ClusterInstances } from '../cluster/instances.js';
import type { Mailer } from '../email/index.js';
import { sendFailure } from '../http/errors.js';
import type { MediaServerId } from '../meetings/index.js';
import type { Identity, OrganisationsService } from '../organisations/index.js';
import type { Clock } from '../platform/clock.js';
import { failure } from '../platform/outcome.js';
import type { Storage } from '../storage/index.js';
import type { MediaServersService } from './media-servers.js';
import type { OperatorTables } from './migrations.js';
import { operatorWords } from './words.js';

/** A meeting happening now, without any of its content. */
export interface LiveMeetingLoad {
  roomId: string;
  roomName: string;
  startedAtMs: number;
  participantsNow: number;
  participantsPeak: number;
}

export interface OperatorHttpOptions {
  storage: Storage;
  clock: Clock;
  identity: Identity;
  accounts: AccountsService;
  organisations: OrganisationsService;
  mailer: Mailer;
  /** Meetings open now and how many people are in each. */
  liveMeetings: () => Promise<LiveMeetingLoad[]>;
  /** The pool of media servers. */
  mediaServers: MediaServersService;
  /** The instances serving this installation. */
  instances: Pick<ClusterInstances, 'view'>;
}

/** The HTTP status of each code the operator console answers. */
const operatorFailureStatus: Readonly<Record<Extract<AccountsFailureCode, 'not_signed_in'> | OperatorFailureCode, number>> = {
  not_signed_in: 401,
  operator_only: 403,
  media_server_not_found: 404,
  media_server_name_taken: 409,
  media_server_in_use: 409,
  media_server_local: 409,
  media_server_not_drained: 409,
};

/** How long one operator's reads of the media servers count as one audit entry (the view refreshes every 5 s). */
const mediaServersReadAuditMs = 10 * 60_000;

export const operatorHttp: FastifyPluginAsyncZod<OperatorHttpOptions> = async (app, options) => {
  const db = options.storage.db.withTables<OperatorTables>();
  const rowsMax = accountLimits.operatorListRowsMax;

  /**
   * The operator's id after writing the audit entry, or undefined after replying 401/403. With
   * `coalesceMs`, a read the same operator already made within that time is not written again (a
   * view that refreshes itself every few seconds would otherwise write hundreds of entries an hour).
   */
  const audited = async (request: FastifyRequest, reply: FastifyReply, action: string, coalesceMs = 0): Promise<string | undefined> => {
    const person = await options.identity.personFromRequest(request);
    if (!person) {
      sendFailure(reply, operatorFailureStatus, failure('not_signed_in', operatorWords.phrase('not_signed_in')));
      return undefined;
    }
    if (!person.operator) {
      sendFailure(reply, operatorFailureStatus, failure('operator_only', operatorWords.phrase('operator_only')));
      return undefined;
    }
    const nowMs = options.clock.nowMs();
    if (coalesceMs > 0) {
      const recent = await db
        .selectFrom('operator_audit_log')
        .select('id')
        .where('operator_id', '=', person.id)
        .where('action', '=', action)
        .where('at_ms', '>', nowMs - coalesceMs)
        .executeTakeFirst();
      if (recent) return person.id;
    }
    await db
      .insertInto('operator_audit_log')
      .values({ id: nanoid(16), operator_id: person.id, action, target: request.url, at_ms: nowMs })
      .execute();
    request.log.info({ operatorId: person.id, action }, 'operator action');
    return person.id;
  };

  app.get('/api/operator/people', async (request, reply) => {
    if (!(await audited(request, reply, 'list_people'))) return reply;
    return { people: await options.accounts.listPeople(rowsMax) };
  });

  app.get('/api/operator/organisations', async (request, reply) => {
    if (!(await audited(request, reply, 'list_organisations'))) return reply;
    return { organisations: await options.organisations.listAll(rowsMax) };
  });

  app.get('/api/operator/live', async (request, reply) => {
    if (!(await audited(request, reply, 'list_live_meetings'))) return reply;
    const meetings = await options.liveMeetings();
    return { meetings, participantsNow: meetings.reduce((total, meeting) => total + meeting.participantsNow, 0) };
  });

  app.get('/api/operator/outbox', async (request, reply) => {
    if (!(await audited(request, reply, 'read_outbox'))) return reply;
    // One-time links would let whoever reads them take over an account: operators see that a link was sent, not the link.
    const messages = await options.mailer.listOutbox(rowsMax);
    return { messages: messages.map((message) => ({ ...message, text: message.text.replace(/token=[A-Za-z0-9_-]+/g, 'token=(hidden)') })) };
  });

  app.get('/api/operator/audit', async (request, reply) => {
    if (!(await audited(request, reply, 'read_audit_log'))) return reply;
    const rows = await db.selectFrom('operator_audit_log').selectAll().orderBy('at_ms', 'desc').limit(rowsMax).execute();
    return {
      entries: rows.map((row) => ({ operatorId: row.operator_id, action: row.action, target: row.target, atMs: Number(row.at_ms) })),
    };
  });

  app.get('/api/operator/media-servers', async (request, reply) => {
    if (!(await audited(request, reply, 'list_media_servers', mediaServersReadAuditMs))) return reply;
    return { servers: options.mediaServers.list() };
  });

  app.get('/api/operator/instances', async (request, reply) => {
    if (!(await audited(request, reply, 'list_instances', mediaServersReadAuditMs))) return reply;
    return options.instances.view(options.clock.nowMs());
  });

  app.post('/api/operator/media-servers', { schema: { body: NewMediaServerSchema } }, async (request, reply) => {
    if (!(await audited(request, reply, 'add_media_server'))) return reply;
    const added = await options.mediaServers.add(request.body);
    if (!added.ok) return sendFailure(reply, operatorFailureStatus, added);
    return reply.code(201).send(added.value);
  });

  app.patch(
    '/api/operator/media-servers/:id',
    { schema: { params: MediaServerParamsSchema, body: MediaServerChangeSchema } },
    async (request, reply) => {
      if (!(await audited(request, reply, 'change_media_server'))) return reply;
      const changed = await options.mediaServers.change(request.params.id as MediaServerId, request.body);
      if (!changed.ok) return sendFailure(reply, operatorFailureStatus, changed);
      return changed.value;
    },
  );

  app.delete('/api/operator/media-servers/:id', { schema: { params: MediaServerParamsSchema } }, async (request, reply) => {
    if (!(await audited(request, reply, 'remove_media_server'))) return reply;
    const removed = await options.mediaServers.remove(request.params.id as MediaServerId);
    if (!removed.ok) return sendFailure(reply, operatorFailureStatus, removed);
    return reply.code(204).send();
  });
};

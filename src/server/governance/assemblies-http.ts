/**
 * General assemblies over HTTP: the list, one assembly with its proxies, convening one (operators),
 * giving a proxy (a member's voter), and the sealed minutes as HTML and PDF (members and operators).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssemblySummarySchema,
  AssemblyViewSchema,
  ConveneAssemblyRequestSchema,
  type Minutes,
  ProxyRequestSchema,
} from '../../shared/assembly-api.js';
import type { AssemblyFailureCode } from '../../shared/failure-codes.js';
import { sendFailure } from '../http/errors.js';
import { failure } from '../platform/outcome.js';
import { assemblyWords } from './assemblies-words.js';
import type { Governance } from './governance.js';
import { minutesHtml, minutesPdf } from './minutes-render.js';

export interface AssembliesHttpOptions {
  governance: Governance;
  isOperator: (person: { email: string; emailVerified: boolean }) => boolean;
}

const assemblyFailureStatus: Readonly<Record<AssemblyFailureCode, number>> = {
  operator_only: 403,
  members_only: 403,
  not_signed_in: 401,
  room_not_found: 404,
  assembly_not_found: 404,
  assembly_already_convened: 409,
  assembly_closed: 409,
  not_your_vote: 403,
  proxy_not_allowed: 409,
  proxy_limit_reached: 409,
  minutes_not_ready: 409,
};

const IdParams = z.object({ id: z.string().min(1).max(64) });

export const assembliesHttp: FastifyPluginAsyncZod<AssembliesHttpOptions> = async (app, { governance, isOperator }) => {
  const assemblies = governance.assemblies;
  const actorOf = async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await request.actor.requireSession(reply);
    return session ? { personId: session.person.id, name: session.person.name, operator: isOperator(session.person) } : undefined;
  };

  app.get(
    '/api/governance/assemblies',
    { schema: { response: { 200: z.object({ assemblies: z.array(AssemblySummarySchema) }) } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      const listed = await assemblies.list(actor);
      return listed.ok ? { assemblies: listed.value } : sendFailure(reply, assemblyFailureStatus, listed);
    },
  );

  app.post(
    '/api/governance/assemblies',
    { schema: { body: ConveneAssemblyRequestSchema, response: { 201: AssemblyViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      const convened = await assemblies.convene(actor, request.body);
      return convened.ok ? reply.code(201).send(convened.value) : sendFailure(reply, assemblyFailureStatus, convened);
    },
  );

  app.get(
    '/api/governance/assemblies/:id',
    { schema: { params: IdParams, response: { 200: AssemblyViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      const viewed = await assemblies.view(actor, request.params.id);
      return viewed.ok ? viewed.value : sendFailure(reply, assemblyFailureStatus, viewed);
    },
  );

  app.put(
    '/api/governance/assemblies/:id/proxies',
    { schema: { params: IdParams, body: ProxyRequestSchema, response: { 200: AssemblyViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      const given = await assemblies.giveProxy(actor, request.params.id, request.body);
      return given.ok ? given.value : sendFailure(reply, assemblyFailureStatus, given);
    },
  );

  /** The minutes of a closed assembly, or why not. */
  const minutesFor = async (request: FastifyRequest, reply: FastifyReply, id: string) => {
    const actor = await actorOf(request, reply);
    if (!actor) return undefined;
    const viewed = await assemblies.view(actor, id);
    if (!viewed.ok) return void sendFailure(reply, assemblyFailureStatus, viewed);
    if (!viewed.value.minutes)
      return void sendFailure(reply, assemblyFailureStatus, failure('minutes_not_ready', assemblyWords.phrase('minutes_not_ready')));
    return viewed.value.minutes;
  };
  const fileName = (minutes: Minutes, extension: string) =>
    `minutes-${new Date(minutes.closedAtMs).toISOString().slice(0, 10)}.${extension}`;

  app.get('/api/governance/assemblies/:id/minutes.html', { schema: { params: IdParams } }, async (request, reply) => {
    const minutes = await minutesFor(request, reply, request.params.id);
    if (!minutes) return reply;
    return reply
      .type('text/html; charset=utf-8')
      .header('content-disposition', `inline; filename="${fileName(minutes, 'html')}"`)
      .send(minutesHtml(minutes, request.language));
  });

  app.get('/api/governance/assemblies/:id/minutes.pdf', { schema: { params: IdParams } }, async (request, reply) => {
    const minutes = await minutesFor(request, reply, request.params.id);
    if (!minutes) return reply;
    const pdf = await minutesPdf(minutes, request.language);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${fileName(minutes, 'pdf')}"`)
      .send(pdf);
  });
};

/**
 * An organisation's own BigBlueButton secret, for its owners and admins: `GET /api/orgs/:slug/bbb`
 * (the API's URL and the secret, or none yet) and `POST /api/orgs/:slug/bbb/rotate` (makes the
 * first secret or replaces it; the old one stops working at once; logged). A member is refused
 * with `role_required` (403); someone outside the organisation is told it does not exist (404), as
 * the organisations domain does. Registered only when the BigBlueButton API is on.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { OrganisationRole } from '../../shared/accounts-api.js';
import { BbbIntegrationParamsSchema, type BbbIntegrationView, BbbIntegrationViewSchema } from '../../shared/bbb-integrations-api.js';
import type { BbbIntegrationFailureCode } from '../../shared/failure-codes.js';
import { sendFailure } from '../http/errors.js';
import type { OrganisationsService } from '../organisations/index.js';
import { failure } from '../platform/outcome.js';
import type { BbbApi } from './bbb-api.js';
import { integrationWords } from './integration-words.js';
import type { OrganisationSecret } from './organisation-secrets.js';

export interface BbbIntegrationsHttpOptions {
  api: BbbApi;
  organisations: Pick<OrganisationsService, 'membership' | 'peopleWithRoles'>;
  /** This server's public address (`PUBLIC_URL`) given the request's origin. */
  siteUrl: (requestOrigin: string) => string;
}

const statuses: Readonly<Record<BbbIntegrationFailureCode, number>> = { organisation_not_found: 404, role_required: 403 };
const managers: readonly OrganisationRole[] = ['owner', 'admin'];
const everyone: readonly OrganisationRole[] = ['owner', 'admin', 'member'];

export const bbbIntegrationsHttp: FastifyPluginAsyncZod<BbbIntegrationsHttpOptions> = async (app, options) => {
  const { api, organisations } = options;
  if (!api.settings.secret) return;

  /**
   * The organisation `slug` and who asks, if they are signed in (with the CSRF token for a POST)
   * and one of its owners or admins; otherwise the refusal is sent and undefined returned.
   */
  const managedFor = async (request: FastifyRequest, reply: FastifyReply, slug: string) => {
    const session = await request.actor.requireSession(reply);
    if (!session) return undefined;
    const membership = await organisations.membership(session.person.id, slug);
    if (!membership) {
      sendFailure(reply, statuses, failure('organisation_not_found', integrationWords.phrase('organisation_not_found')));
      return undefined;
    }
    if (!managers.includes(membership.role)) {
      sendFailure(reply, statuses, failure('role_required', integrationWords.phrase('managers_only', { organisation: membership.name })));
      return undefined;
    }
    reply.header('cache-control', 'no-store');
    return { organisationId: membership.organisationId, personId: session.person.id, origin: `${request.protocol}://${request.host}` };
  };

  const view = async (organisationId: string, secret: OrganisationSecret | undefined, origin: string): Promise<BbbIntegrationView> => {
    const people = secret ? await organisations.peopleWithRoles(organisationId, everyone) : [];
    return {
      apiUrl: `${options.siteUrl(origin)}/bigbluebutton/api/`,
      secret: secret?.secret ?? null,
      rotatedAtMs: secret?.rotatedAtMs ?? null,
      rotatedBy: people.find((person) => person.personId === secret?.rotatedBy)?.name ?? null,
    };
  };

  app.get(
    '/api/orgs/:slug/bbb',
    { schema: { params: BbbIntegrationParamsSchema, response: { 200: BbbIntegrationViewSchema } } },
    async (request, reply) => {
      const managed = await managedFor(request, reply, request.params.slug);
      if (!managed) return reply;
      return view(managed.organisationId, await api.secrets.find(managed.organisationId), managed.origin);
    },
  );

  app.post(
    '/api/orgs/:slug/bbb/rotate',
    { schema: { params: BbbIntegrationParamsSchema, response: { 200: BbbIntegrationViewSchema } } },
    async (request, reply) => {
      const managed = await managedFor(request, reply, request.params.slug);
      if (!managed) return reply;
      const secret = await api.secrets.rotate(managed.organisationId, managed.personId);
      request.log.info(
        { organisationId: managed.organisationId, personId: managed.personId },
        'an organisation’s BigBlueButton secret was made or replaced',
      );
      return view(managed.organisationId, secret, managed.origin);
    },
  );
};

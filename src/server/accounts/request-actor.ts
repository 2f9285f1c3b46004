/**
 * `request.actor`: who is signed in on a request, put on every request once by a root `onRequest`
 * hook, so routes read it instead of each asking the authenticator. The session cookie is read
 * lazily — on first use, at most once per request — so requests that never ask cost nothing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from './accounts-service.js';
import type { Authenticator } from './authenticator.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is signed in (see `installRequestActor`). */
    actor: RequestActor;
  }
}

/** The signed-in person of one request. */
export class RequestActor {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly request: FastifyRequest,
  ) {}

  /** The session, or undefined for a visitor who is not signed in. */
  session(): Promise<Session | undefined> {
    return this.authenticator.session(this.request);
  }

  /**
   * The session, or undefined after replying 401 `not_signed_in` — or 403 `csrf_token_invalid`
   * when a state-changing request lacks the session's CSRF token.
   */
  requireSession(reply: FastifyReply): Promise<Session | undefined> {
    return this.authenticator.requireSession(this.request, reply);
  }
}

/** Decorates every request of `app` (call it on the root instance) with its `actor`. */
export function installRequestActor(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest('actor', null as unknown as RequestActor);
  app.addHook('onRequest', async (request) => {
    request.actor = new RequestActor(authenticator, request);
  });
}

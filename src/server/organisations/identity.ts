/**
 * Who is asking, for every domain: the signed-in person with their organisations, and whether
 * they administer a room. The meetings domain uses these so that owners join as moderators.
 */

import type { FastifyRequest } from 'fastify';
import type { PersonView } from '../../shared/accounts-api.js';
import type { Language } from '../../shared/languages.js';
import type { Authenticator } from '../accounts/index.js';
import type { Membership, OrganisationsService } from './organisations-service.js';

/** A signed-in person as other domains see them. */
export interface SignedInPerson {
  id: string;
  name: string;
  email: string;
  /** One of `OPERATOR_EMAILS` (and verified). */
  operator: boolean;
  organisations: Membership[];
}

/** Identity of requests, built on the session cookie. */
export class Identity {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly organisations: OrganisationsService,
    private readonly operatorEmails: readonly string[],
  ) {}

  /** The signed-in person of `request` (its session cookie), or undefined for a guest. */
  async personFromRequest(request: FastifyRequest): Promise<SignedInPerson | undefined> {
    const session = await this.authenticator.session(request);
    if (!session) return undefined;
    const { person } = session;
    return {
      id: person.id,
      name: person.name,
      email: person.email,
      operator: person.emailVerified && this.operatorEmails.includes(person.email),
      organisations: await this.organisations.membershipsOf(person.id),
    };
  }

  /** True when `personId` owns the room or is an owner or admin of the organisation that owns it. */
  administersRoom(personId: string, roomId: string): Promise<boolean> {
    return this.organisations.administersRoom(personId, roomId);
  }

  /** The view of a person sent to their browser. */
  async describe(person: {
    id: string;
    name: string;
    email: string;
    emailVerified: boolean;
    language: Language | null;
  }): Promise<PersonView> {
    const organisations = await this.organisations.membershipsOf(person.id);
    return {
      id: person.id,
      email: person.email,
      name: person.name,
      language: person.language,
      operator: person.emailVerified && this.operatorEmails.includes(person.email),
      organisations: organisations.map(({ slug, name, role }) => ({ slug, name, role })),
    };
  }
}

/** Invitations by email link: sending one, accepting it, and listing those sent to an address. */
import type { Language } from '../../shared/languages.js';
import { accountLimits, retentionLimits } from '../../shared/limits.js';
import type { Person } from '../accounts/index.js';
import { newToken, tokenHash } from '../accounts/index.js';
import { failure, success } from '../platform/outcome.js';
import type { OrganisationsResult } from './failures.js';
import { type Membership, managers, notFound, type OrganisationMembers } from './organisation-members.js';
import { organisationsWords } from './words.js';

/** Invitations to organisations. */
export class Invitations {
  constructor(private readonly members: OrganisationMembers) {}

  /**
   * Invites `email` to join with `role`; only owners and admins may. Mails a link, written in the
   * invitee's saved language when they have an account, else in `language` (the inviter's).
   */
  async invite(
    person: Person,
    slug: string,
    input: { email: string; role: 'admin' | 'member' },
    language: Language,
  ): Promise<OrganisationsResult<void>> {
    const membership = await this.members.membership(person.id, slug);
    if (!membership) return notFound();
    if (!managers.includes(membership.role)) return failure('role_required', organisationsWords.phrase('only_managers_invite'));
    const token = newToken();
    const now = this.members.options.clock.nowMs();
    await this.members.db
      .insertInto('organisation_invitations')
      .values({
        token_hash: tokenHash(token),
        organisation_id: membership.organisationId,
        email: input.email,
        role: input.role,
        invited_by: person.id,
        created_at_ms: now,
        expires_at_ms: now + accountLimits.invitationDurationMs,
        accepted_at_ms: null,
      })
      .execute();
    const parameters = { inviter: person.name, organisation: membership.name };
    const link = this.members.options.link(`/invitations/accept?token=${token}`);
    const role = input.role === 'admin' ? 'invitation_role_admin' : 'invitation_role_member';
    await this.members.options.mailer.sendLetter({
      to: input.email,
      language,
      write: (language) => ({
        subject: organisationsWords.in(language, 'invitation_subject', parameters),
        text: organisationsWords.in(language, 'invitation_text', { ...parameters, link, role: organisationsWords.in(language, role) }),
      }),
    });
    return success(undefined);
  }

  /** Accepts an invitation for the signed-in person, whose email must be the invited one. */
  async acceptInvitation(person: Person, token: string): Promise<OrganisationsResult<Membership>> {
    const row = await this.members.db
      .selectFrom('organisation_invitations')
      .selectAll()
      .where('token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    const now = this.members.options.clock.nowMs();
    if (!row) return failure('token_invalid', organisationsWords.phrase('invitation_invalid'));
    if (row.accepted_at_ms !== null) return failure('token_used', organisationsWords.phrase('invitation_used'));
    if (Number(row.expires_at_ms) <= now) return failure('token_expired', organisationsWords.phrase('invitation_expired'));
    if (row.email !== person.email)
      return failure('invitation_for_another_email', organisationsWords.phrase('invitation_for_another_email'));
    const accepted = await this.members.db
      .updateTable('organisation_invitations')
      .set({ accepted_at_ms: now })
      .where('token_hash', '=', row.token_hash)
      .where('accepted_at_ms', 'is', null)
      .executeTakeFirst();
    if (Number(accepted.numUpdatedRows) !== 1) return failure('token_used', organisationsWords.phrase('invitation_used'));
    const existing = await this.members.db
      .selectFrom('organisation_members')
      .select('role')
      .where('organisation_id', '=', row.organisation_id)
      .where('person_id', '=', person.id)
      .executeTakeFirst();
    if (!existing) {
      await this.members.db
        .insertInto('organisation_members')
        .values({ organisation_id: row.organisation_id, person_id: person.id, role: row.role, joined_at_ms: now })
        .execute();
    }
    const membership = (await this.members.membershipsOf(person.id)).find((candidate) => candidate.organisationId === row.organisation_id);
    return membership ? success(membership) : notFound();
  }

  /**
   * Deletes the invitations that stopped working as of `nowMs` and were kept their while: accepted
   * or expired `retentionLimits.finishedInvitationKeptMs` ago (30 days). Resolves to how many went.
   */
  async forgetFinished(nowMs: number): Promise<number> {
    const beforeMs = nowMs - retentionLimits.finishedInvitationKeptMs;
    const result = await this.members.db
      .deleteFrom('organisation_invitations')
      .where((row) => row.or([row('accepted_at_ms', '<=', beforeMs), row('expires_at_ms', '<=', beforeMs)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Deletes every invitation addressed to `email`, accepted or not (its owner deletes their account). */
  async forgetInvitationsTo(email: string): Promise<void> {
    await this.members.db.deleteFrom('organisation_invitations').where('email', '=', email).execute();
  }

  /** Invitations addressed to an email (data export). */
  async invitationsFor(
    email: string,
  ): Promise<{ organisation_id: string; role: string; created_at_ms: number; accepted_at_ms: number | null }[]> {
    const rows = await this.members.db
      .selectFrom('organisation_invitations')
      .select(['organisation_id', 'role', 'created_at_ms', 'accepted_at_ms'])
      .where('email', '=', email)
      .execute();
    return rows.map((row) => ({
      ...row,
      created_at_ms: Number(row.created_at_ms),
      accepted_at_ms: row.accepted_at_ms === null ? null : Number(row.accepted_at_ms),
    }));
  }
}

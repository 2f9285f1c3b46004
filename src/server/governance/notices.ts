/**
 * What governance tells members: an email when a proposal opens, a day before it closes, and
 * with its outcome — to the voter of every member in its electorate, each in their own language —
 * and a calendar feed (iCalendar) of every vote, from its opening to its close. Each notice is
 * claimed by inserting (proposal, kind) into `governance_notices` first, so a sweep run twice or
 * on two instances sends it once. The feed's address carries a secret token per person, as room
 * feeds do; asking again gives the same one.
 */
import { randomBytes } from 'node:crypto';
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Mailer } from '../email/index.js';
import type { Clock } from '../platform/clock.js';
import { serverLocale } from '../platform/words.js';
import type { GovernanceDatabase } from './context.js';
import { noticeWords } from './notices-words.js';

/** How long before a vote closes its reminder goes. */
export const closingReminderMs = 86_400_000;

/** What the notices need. */
export interface GovernanceNoticesOptions {
  db: () => GovernanceDatabase;
  clock: Clock;
  mailer: Pick<Mailer, 'sendLetter'>;
  /** An absolute link to a path of the site. */
  link: (path: string) => string;
  /** A person's email address. */
  emailOf: (personId: string) => Promise<string | undefined>;
}

type Kind = 'opened' | 'closing' | 'outcome';

export class GovernanceNotices {
  constructor(private readonly options: GovernanceNoticesOptions) {}

  private get db(): GovernanceDatabase {
    return this.options.db();
  }

  /** Sends what is due: openings, reminders a day before closing, outcomes. Returns how many letters went. */
  async send(): Promise<number> {
    const now = this.options.clock.nowMs();
    let sent = 0;
    const proposals = await this.db
      .selectFrom('governance_proposals')
      .leftJoin('governance_early_closes', 'governance_early_closes.proposal_id', 'governance_proposals.id')
      .select(['id', 'title', 'opens_at_ms', 'closes_at_ms', 'electorate_class_id', 'governance_early_closes.closed_at_ms'])
      .where('opens_at_ms', '<=', now)
      .where('closes_at_ms', '>', now - 30 * 86_400_000)
      .execute();
    for (const proposal of proposals) {
      // Closed early: no opening or reminder after that, only the outcome.
      const closesAtMs = Number(proposal.closed_at_ms ?? proposal.closes_at_ms);
      const sealed = await this.db
        .selectFrom('governance_outcomes')
        .select('outcome_json')
        .where('proposal_id', '=', proposal.id)
        .where('revision', '=', 0)
        .executeTakeFirst();
      const due: Kind[] = [];
      if (now < closesAtMs) due.push('opened');
      if (now < closesAtMs && closesAtMs - now <= closingReminderMs) due.push('closing');
      if (sealed) due.push('outcome');
      for (const kind of due) {
        if (!(await this.claim(proposal.id, kind, now))) continue;
        const result = sealed ? (JSON.parse(sealed.outcome_json) as { result: string }).result : '';
        sent += await this.tell(proposal, kind, result);
      }
    }
    return sent;
  }

  /** Claims a notice; false when it was sent (or claimed) before. */
  private async claim(proposalId: string, kind: Kind, now: number): Promise<boolean> {
    const inserted = await this.db
      .insertInto('governance_notices')
      .values({ proposal_id: proposalId, kind, sent_at_ms: now })
      .onConflict((conflict) => conflict.columns(['proposal_id', 'kind']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /** Writes to the voter of every admitted member of the electorate. */
  private async tell(
    proposal: { id: string; title: string; closes_at_ms: number | string; electorate_class_id: string | null },
    kind: Kind,
    result: string,
  ): Promise<number> {
    let query = this.db.selectFrom('governance_members').select('voter_person_id').where('status', '=', 'admitted').distinct();
    if (proposal.electorate_class_id) query = query.where('class_id', '=', proposal.electorate_class_id);
    const voters = await query.execute();
    const link = this.options.link(`/coop/proposals/${proposal.id}`);
    const closesAtMs = Number(proposal.closes_at_ms);
    let sent = 0;
    for (const { voter_person_id } of voters) {
      const to = await this.options.emailOf(voter_person_id);
      if (!to) continue;
      await this.options.mailer.sendLetter({
        to,
        write: (language) => {
          const closes = `${new Intl.DateTimeFormat(serverLocale[language], { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(closesAtMs)} UTC`;
          const parameters = { title: proposal.title, closes, link, result };
          return {
            subject: noticeWords.in(language, `${kind}_subject`, parameters),
            text: noticeWords.in(language, `${kind}_text`, parameters),
          };
        },
      });
      sent += 1;
    }
    return sent;
  }

  /** The person's feed token, made on first use. */
  async feedToken(personId: string): Promise<string> {
    const existing = await this.db
      .selectFrom('governance_feed_tokens')
      .select('token')
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (existing) return existing.token;
    await this.db
      .insertInto('governance_feed_tokens')
      .values({ person_id: personId, token: randomBytes(24).toString('base64url') })
      .onConflict((conflict) => conflict.column('person_id').doNothing())
      .execute();
    return (await this.db.selectFrom('governance_feed_tokens').select('token').where('person_id', '=', personId).executeTakeFirstOrThrow())
      .token;
  }

  /** The calendar of every vote, for the holder of `token`; undefined for an unknown token. */
  async feed(token: string): Promise<string | undefined> {
    const holder = await this.db.selectFrom('governance_feed_tokens').select('person_id').where('token', '=', token).executeTakeFirst();
    if (!holder) return undefined;
    const proposals = await this.db
      .selectFrom('governance_proposals')
      .leftJoin('governance_early_closes', 'governance_early_closes.proposal_id', 'governance_proposals.id')
      .select(['id', 'title', 'opens_at_ms', 'closes_at_ms', 'governance_early_closes.closed_at_ms'])
      .orderBy('opens_at_ms', 'desc')
      .limit(500)
      .execute();
    const calendar = ical({
      name: 'Co-op votes',
      prodId: { company: 'plenary', product: 'plenary', language: 'EN' },
      method: ICalCalendarMethod.PUBLISH,
    });
    for (const proposal of proposals) {
      const url = this.options.link(`/coop/proposals/${proposal.id}`);
      calendar.createEvent({
        id: `${proposal.id}@plenary`,
        stamp: new Date(this.options.clock.nowMs()),
        start: new Date(Number(proposal.opens_at_ms)),
        end: new Date(Number(proposal.closed_at_ms ?? proposal.closes_at_ms)),
        summary: `Vote: ${proposal.title}`,
        description: url,
        url,
      });
    }
    return calendar.toString();
  }
}

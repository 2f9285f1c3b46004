/**
 * The governance domain's migrations: member classes, the register of members and of share
 * capital, proposals, their open ballots, their discussion, and their sealed outcomes. Registers
 * are append-only where the law of co-operatives asks for a history (shares, outcomes): a change
 * is a new row, never an edit. Money is bigint minor units. Secret ballots (0501) keep who voted
 * apart from how, with no member, time or arrival order beside a ballot (SECRET-BALLOTS.md).
 */
import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';

export const governanceMigrations: Record<string, Migration> = {
  '0500_governance_members_and_proposals': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('governance_classes')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('description', 'text', (column) => column.notNull())
        // operators | vote: who admits an applicant of this class.
        .addColumn('admission', 'text', (column) => column.notNull())
        // organisation | person: who may be a member of this class.
        .addColumn('holder', 'text', (column) => column.notNull())
        .addColumn('shares_min', 'integer', (column) => column.notNull())
        .addColumn('share_value_minor', 'bigint', (column) => column.notNull())
        .addColumn('position', 'integer', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('governance_members')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('class_id', 'text', (column) => column.notNull().references('governance_classes.id'))
        // The member is an organisation (user members) or a person (operational members).
        .addColumn('organisation_id', 'text', (column) => column.references('organisations.id'))
        .addColumn('person_id', 'text')
        .addColumn('name', 'text', (column) => column.notNull())
        // Who casts the member's vote: the person themselves, or the one an organisation names.
        .addColumn('voter_person_id', 'text', (column) => column.notNull())
        // What an operational member commits (money or hours), in their words.
        .addColumn('commitment', 'text', (column) => column.notNull())
        // applied | admitted | declined | resigned
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('applied_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('decided_at_ms', 'bigint')
        .addColumn('decided_by', 'text')
        .addColumn('reason', 'text')
        .addColumn('resigned_at_ms', 'bigint')
        .execute();
      await db.schema.createIndex('governance_members_organisation').on('governance_members').column('organisation_id').execute();
      await db.schema.createIndex('governance_members_person').on('governance_members').column('person_id').execute();
      await db.schema.createIndex('governance_members_voter').on('governance_members').column('voter_person_id').execute();
      // The register of share capital: each subscription, payment and repayment of shares, never edited.
      await db.schema
        .createTable('governance_share_movements')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('member_id', 'text', (column) => column.notNull().references('governance_members.id'))
        // subscribed | paid | repaid
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('shares', 'integer', (column) => column.notNull())
        .addColumn('amount_minor', 'bigint', (column) => column.notNull())
        .addColumn('note', 'text', (column) => column.notNull())
        .addColumn('recorded_by', 'text', (column) => column.notNull())
        .addColumn('at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('governance_share_movements_member').on('governance_share_movements').column('member_id').execute();
      await db.schema
        .createTable('governance_proposals')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('title', 'text', (column) => column.notNull())
        .addColumn('body', 'text', (column) => column.notNull())
        // consent | yes_no | single_choice | multiple_choice | ranked_choice
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('options_json', 'text', (column) => column.notNull())
        .addColumn('choices_max', 'integer')
        // A class id, or null for every member.
        .addColumn('electorate_class_id', 'text')
        .addColumn('secret', 'integer', (column) => column.notNull())
        .addColumn('opens_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('closes_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('quorum_basis_points', 'integer', (column) => column.notNull())
        // simple_majority | two_thirds | consensus
        .addColumn('threshold', 'text', (column) => column.notNull())
        .addColumn('organiser_person_id', 'text', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        // The members who could vote, counted when it closed (the quorum's denominator).
        .addColumn('electorate_size', 'integer')
        // An admission decided by this vote: the applicant admitted when it passes, declined when not.
        .addColumn('admits_member_id', 'text')
        .execute();
      await db.schema.createIndex('governance_proposals_closing').on('governance_proposals').column('closes_at_ms').execute();
      // Open ballots: one per member and proposal, changeable until close.
      await db.schema
        .createTable('governance_votes')
        .addColumn('proposal_id', 'text', (column) => column.notNull().references('governance_proposals.id'))
        .addColumn('member_id', 'text', (column) => column.notNull().references('governance_members.id'))
        .addColumn('ballot_json', 'text', (column) => column.notNull())
        .addColumn('cast_by', 'text', (column) => column.notNull())
        .addColumn('cast_at_ms', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('governance_votes_pk', ['proposal_id', 'member_id'])
        .execute();
      await db.schema
        .createTable('governance_comments')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('proposal_id', 'text', (column) => column.notNull().references('governance_proposals.id'))
        .addColumn('person_id', 'text', (column) => column.notNull())
        .addColumn('author_name', 'text', (column) => column.notNull())
        .addColumn('body', 'text', (column) => column.notNull())
        .addColumn('at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('governance_comments_proposal').on('governance_comments').columns(['proposal_id', 'at_ms']).execute();
      // Sealed outcomes: the first when the proposal closes, a correction later as a new row naming the one it corrects.
      await db.schema
        .createTable('governance_outcomes')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('proposal_id', 'text', (column) => column.notNull().references('governance_proposals.id'))
        // 0 for the outcome sealed at close; 1, 2… for corrections.
        .addColumn('revision', 'integer', (column) => column.notNull())
        .addColumn('outcome_json', 'text', (column) => column.notNull())
        .addColumn('statement', 'text', (column) => column.notNull())
        .addColumn('sealed_by', 'text', (column) => column.notNull())
        .addColumn('sealed_at_ms', 'bigint', (column) => column.notNull())
        .addUniqueConstraint('governance_outcomes_revision', ['proposal_id', 'revision'])
        .execute();
    },
  },
  '0501_governance_secret_ballots': {
    async up(db: Kysely<unknown>) {
      // SQLite: WITHOUT ROWID stores rows by their primary key, not by arrival (a rowid would count the inserts).
      const withoutRowId = sql.raw(db.getExecutor().adapter instanceof SqliteAdapter ? 'without rowid' : '');
      // Who has voted on a secret proposal: no time, no ballot. The key makes a second first vote fail.
      await db.schema
        .createTable('governance_ballot_receipts')
        .addColumn('proposal_id', 'text', (column) => column.notNull().references('governance_proposals.id'))
        .addColumn('member_id', 'text', (column) => column.notNull().references('governance_members.id'))
        .addPrimaryKeyConstraint('governance_ballot_receipts_pk', ['proposal_id', 'member_id'])
        .modifyEnd(withoutRowId)
        .execute();
      // How they voted: no member, no time. The key is the SHA-256 of the proposal, the member and a
      // token only the voter's browser holds; without the token nobody can tell whose ballot it is.
      await db.schema
        .createTable('governance_secret_ballots')
        .addColumn('proposal_id', 'text', (column) => column.notNull().references('governance_proposals.id'))
        .addColumn('ballot_key', 'text', (column) => column.notNull())
        .addColumn('ballot_json', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('governance_secret_ballots_pk', ['proposal_id', 'ballot_key'])
        .modifyEnd(withoutRowId)
        .execute();
    },
  },
};

type Millis = number | string;

/** Table types of the governance domain. */
export type GovernanceTables = {
  governance_classes: {
    id: string;
    name: string;
    description: string;
    admission: string;
    holder: string;
    shares_min: number;
    share_value_minor: bigint | number | string;
    position: number;
  };
  governance_members: {
    id: string;
    class_id: string;
    organisation_id: string | null;
    person_id: string | null;
    name: string;
    voter_person_id: string;
    commitment: string;
    status: string;
    applied_at_ms: Millis;
    decided_at_ms: Millis | null;
    decided_by: string | null;
    reason: string | null;
    resigned_at_ms: Millis | null;
  };
  governance_share_movements: {
    id: string;
    member_id: string;
    kind: string;
    shares: number;
    amount_minor: bigint | number | string;
    note: string;
    recorded_by: string;
    at_ms: Millis;
  };
  governance_proposals: {
    id: string;
    title: string;
    body: string;
    kind: string;
    options_json: string;
    choices_max: number | null;
    electorate_class_id: string | null;
    secret: number;
    opens_at_ms: Millis;
    closes_at_ms: Millis;
    quorum_basis_points: number;
    threshold: string;
    organiser_person_id: string;
    created_at_ms: Millis;
    electorate_size: number | null;
    admits_member_id: string | null;
  };
  governance_votes: { proposal_id: string; member_id: string; ballot_json: string; cast_by: string; cast_at_ms: Millis };
  governance_ballot_receipts: { proposal_id: string; member_id: string };
  governance_secret_ballots: { proposal_id: string; ballot_key: string; ballot_json: string };
  governance_comments: { id: string; proposal_id: string; person_id: string; author_name: string; body: string; at_ms: Millis };
  governance_outcomes: {
    id: string;
    proposal_id: string;
    revision: number;
    outcome_json: string;
    statement: string;
    sealed_by: string;
    sealed_at_ms: Millis;
  };
};

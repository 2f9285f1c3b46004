/**
 * Everything governance holds about one person, for their data export: their memberships (as the
 * member or as the one who votes for one), the open ballots and assembly votes they cast, their
 * comments, their attendance at assemblies, and whether they have a calendar feed. Secret ballots
 * are not in it: nobody, the server included, can tell which is theirs.
 */
import type { GovernanceDatabase } from './context.js';

/** The tables `governancePersonalData` reads rows of, each by the column that names the person. */
export const governancePersonalTables = [
  'governance_members',
  'governance_votes',
  'governance_comments',
  'governance_feed_tokens',
  'governance_assembly_attendance',
  'governance_assembly_votes',
] as const;

/** Millisecond columns come back as strings from PostgreSQL; the export gives numbers. */
const milliseconds = (value: number | string | null): number | null => (value === null ? null : Number(value));

/** What governance holds about `personId`. */
export async function governancePersonalData(db: GovernanceDatabase, personId: string): Promise<Record<string, unknown>> {
  const members = await db
    .selectFrom('governance_members')
    .select([
      'id',
      'class_id',
      'organisation_id',
      'name',
      'commitment',
      'status',
      'applied_at_ms',
      'decided_at_ms',
      'reason',
      'resigned_at_ms',
    ])
    .where((where) => where.or([where('person_id', '=', personId), where('voter_person_id', '=', personId)]))
    .orderBy('applied_at_ms')
    .execute();
  const votes = await db
    .selectFrom('governance_votes')
    .select(['proposal_id', 'member_id', 'ballot_json', 'cast_at_ms'])
    .where('cast_by', '=', personId)
    .orderBy('cast_at_ms')
    .execute();
  const comments = await db
    .selectFrom('governance_comments')
    .select(['proposal_id', 'author_name', 'body', 'at_ms'])
    .where('person_id', '=', personId)
    .orderBy('at_ms')
    .execute();
  const feed = await db.selectFrom('governance_feed_tokens').select('person_id').where('person_id', '=', personId).executeTakeFirst();
  return {
    memberships: members.map((row) => ({
      ...row,
      applied_at_ms: milliseconds(row.applied_at_ms),
      decided_at_ms: milliseconds(row.decided_at_ms),
      resigned_at_ms: milliseconds(row.resigned_at_ms),
    })),
    votes: votes.map((row) => ({ ...row, cast_at_ms: milliseconds(row.cast_at_ms) })),
    comments: comments.map((row) => ({ ...row, at_ms: milliseconds(row.at_ms) })),
    // The feed's token is a secret: the export says only that there is one.
    calendarFeed: feed !== undefined,
    ...(await assemblyData(db, personId)),
  };
}

async function assemblyData(db: GovernanceDatabase, personId: string): Promise<Record<string, unknown>> {
  const attendance = await db
    .selectFrom('governance_assembly_attendance')
    .select(['assembly_id', 'name', 'voter_for_json', 'arrived_at_ms', 'left_at_ms'])
    .where('person_id', '=', personId)
    .orderBy('arrived_at_ms')
    .execute();
  const assemblyVotes = await db
    .selectFrom('governance_assembly_votes')
    .select(['motion_id', 'member_id', 'answer', 'by_proxy', 'cast_at_ms'])
    .where('cast_by_person_id', '=', personId)
    .orderBy('cast_at_ms')
    .execute();
  return {
    assemblyAttendance: attendance.map((row) => ({
      ...row,
      arrived_at_ms: milliseconds(row.arrived_at_ms),
      left_at_ms: milliseconds(row.left_at_ms),
    })),
    assemblyVotes: assemblyVotes.map((row) => ({ ...row, by_proxy: Number(row.by_proxy) === 1, cast_at_ms: milliseconds(row.cast_at_ms) })),
  };
}

/**
 * Polls in a live room (on the in-memory media server): who may ask and answer, the totals, what
 * each participant is told and when, anonymity, the CSV export, and the refusals — each message
 * parsed from JSON as the signalling parses it, so the schemas' refusals are tested too.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { PollDraft, PollId } from '../../../shared/poll-protocol.js';
import type { LiveRoom } from './live-room.js';
import { RecordingConnection, sendParsed, testMedia, useLiveRooms } from './live-room-testing.js';

const { clock, emptyMeeting, meeting } = useLiveRooms();

/** Sends a poll message from `participantId` through the schema and the room. */
const send = (live: LiveRoom, participantId: ParticipantId, message: Record<string, unknown>) =>
  Promise.resolve(sendParsed(live, participantId, message));

const fruit: PollDraft = {
  question: 'Which fruit for the picnic?',
  kind: 'custom',
  answers: ['Apples', 'Pears', 'Plums'],
  anonymous: false,
};

/** Mo (moderator), Guy (guest) and Ann (guest), with a poll opened by Mo. */
async function pollOpen(draft: PollDraft = fruit) {
  const room = await meeting();
  const ann = room.join('Ann', { clientId: 'ann-client-000000001' });
  expect(await send(room.live, room.moderator.id, { type: 'poll-open', poll: draft })).toEqual({ ok: true, value: undefined });
  const pollId = room.guest.connection.last('poll')?.poll.pollId as PollId;
  return { ...room, ann, pollId };
}

describe('polls', () => {
  it('shows a moderator’s poll to everyone, takes one answer each, and tells the moderators the totals as they come', async () => {
    const { live, moderator, guest, ann, pollId } = await pollOpen();
    expect(guest.connection.last('poll')?.poll).toEqual({
      pollId,
      question: 'Which fruit for the picnic?',
      kind: 'custom',
      answers: ['Apples', 'Pears', 'Plums'],
      choices: 3,
      anonymous: false,
      status: 'open',
      answered: false,
    });
    // Results go to moderators only.
    expect(moderator.connection.last('poll-results')?.results.totals).toEqual([0, 0, 0]);
    expect(guest.connection.all('poll-results')).toEqual([]);

    for (const [who, choice] of [
      [moderator, 0],
      [guest, 1],
      [ann, 1],
    ] as const) {
      expect(await send(live, who.id, { type: 'poll-answer', pollId, answer: { choice } })).toEqual({ ok: true, value: undefined });
    }
    // Each answerer learns their answer counted; the others are not told of it.
    expect(guest.connection.last('poll')?.poll.answered).toBe(true);
    // The moderators hear of a burst of answers once, when the batch ends.
    const resultsBefore = moderator.connection.all('poll-results').length;
    clock.advance(limits.pollResultsBatchMs);
    expect(moderator.connection.all('poll-results')).toHaveLength(resultsBefore + 1);
    expect(moderator.connection.last('poll-results')?.results).toEqual({
      pollId,
      totals: [1, 2, 0],
      texts: [],
      answeredCount: 3,
      participantCount: 3,
      named: [
        { participantId: moderator.id, displayName: 'Mo', answer: 'Apples' },
        { participantId: guest.id, displayName: 'Guy', answer: 'Pears' },
        { participantId: ann.id, displayName: 'Ann', answer: 'Pears' },
      ],
    });
    expect(guest.connection.all('poll-results')).toEqual([]);
  });

  it('refuses a second answer, a choice the poll does not have, a text for a choice poll, and an unknown poll', async () => {
    const { live, guest, pollId } = await pollOpen();
    expect((await send(live, guest.id, { type: 'poll-answer', pollId, answer: { choice: 2 } })).ok).toBe(true);
    expect(await send(live, guest.id, { type: 'poll-answer', pollId, answer: { choice: 0 } })).toMatchObject({
      ok: false,
      code: 'poll_already_answered',
    });
    const { live: other, guest: otherGuest, pollId: otherPoll } = await pollOpen();
    expect(await send(other, otherGuest.id, { type: 'poll-answer', pollId: otherPoll, answer: { choice: 3 } })).toMatchObject({
      code: 'poll_answer_invalid',
    });
    expect(await send(other, otherGuest.id, { type: 'poll-answer', pollId: otherPoll, answer: { text: 'Figs' } })).toMatchObject({
      code: 'poll_answer_invalid',
    });
    expect(await send(other, otherGuest.id, { type: 'poll-answer', pollId: 'poll_unknown0000', answer: { choice: 0 } })).toMatchObject({
      code: 'poll_not_found',
    });
    // A poll of another meeting is unknown here.
    expect(await send(other, otherGuest.id, { type: 'poll-answer', pollId, answer: { choice: 0 } })).toMatchObject({
      code: 'poll_not_found',
    });
    // Malformed answers never reach the room.
    for (const answer of [
      { choice: -1 },
      { choice: 1.5 },
      { choice: 0, text: 'both' },
      {},
      { text: '' },
      { text: 'x'.repeat(limits.pollFreeTextCharactersMax + 1) },
    ]) {
      expect(await send(other, otherGuest.id, { type: 'poll-answer', pollId: otherPoll, answer })).toMatchObject({
        ok: false,
        code: 'malformed_message',
      });
    }
  });

  it('lets only moderators ask, close, publish and export, one open poll at a time', async () => {
    const { live, moderator, guest, pollId } = await pollOpen();
    expect(await send(live, guest.id, { type: 'poll-open', poll: fruit })).toMatchObject({ ok: false, code: 'not_allowed' });
    for (const action of ['close', 'publish', 'export'] as const) {
      expect(await send(live, guest.id, { type: 'poll-action', pollId, action })).toMatchObject({ ok: false, code: 'not_allowed' });
    }
    expect(await send(live, moderator.id, { type: 'poll-open', poll: fruit })).toMatchObject({ ok: false, code: 'poll_already_open' });
    expect(await send(live, moderator.id, { type: 'poll-action', pollId: 'poll_unknown0000', action: 'close' })).toMatchObject({
      code: 'poll_not_found',
    });
  });

  it('closes to answers, then publishes the totals to everyone — the names to the moderators only', async () => {
    const { live, moderator, guest, ann, pollId } = await pollOpen();
    await send(live, guest.id, { type: 'poll-answer', pollId, answer: { choice: 2 } });
    expect((await send(live, moderator.id, { type: 'poll-action', pollId, action: 'close' })).ok).toBe(true);
    expect(ann.connection.last('poll')?.poll).toMatchObject({ status: 'closed', answered: false });
    expect(guest.connection.last('poll')?.poll).toMatchObject({ status: 'closed', answered: true });
    expect(await send(live, ann.id, { type: 'poll-answer', pollId, answer: { choice: 0 } })).toMatchObject({ code: 'poll_closed' });
    expect(guest.connection.all('poll-results')).toEqual([]);

    expect((await send(live, moderator.id, { type: 'poll-action', pollId, action: 'publish' })).ok).toBe(true);
    expect(ann.connection.last('poll')?.poll.status).toBe('published');
    expect(ann.connection.last('poll-results')?.results).toEqual({
      pollId,
      totals: [0, 0, 1],
      texts: [],
      answeredCount: 1,
      participantCount: 3,
    });
    expect(moderator.connection.last('poll-results')?.results.named).toEqual([
      { participantId: guest.id, displayName: 'Guy', answer: 'Plums' },
    ]);
    // Published is final; a new poll may be asked now.
    expect((await send(live, moderator.id, { type: 'poll-action', pollId, action: 'close' })).ok).toBe(true);
    expect(ann.connection.last('poll')?.poll.status).toBe('published');
    expect((await send(live, moderator.id, { type: 'poll-open', poll: { question: 'Again?', kind: 'yes-no', anonymous: true } })).ok).toBe(
      true,
    );
    expect(ann.connection.last('poll')?.poll).toMatchObject({ question: 'Again?', choices: 2, status: 'open', answered: false });
  });

  it('keeps an anonymous poll’s answers apart from who gave them: free texts counted, no names anywhere', async () => {
    const { live, moderator, guest, ann, pollId } = await pollOpen({ question: 'One word for today?', kind: 'free-text', anonymous: true });
    expect(guest.connection.last('poll')?.poll.choices).toBe(0);
    await send(live, guest.id, { type: 'poll-answer', pollId, answer: { text: '  Sunny ' } });
    await send(live, ann.id, { type: 'poll-answer', pollId, answer: { text: 'Sunny' } });
    await send(live, moderator.id, { type: 'poll-answer', pollId, answer: { text: '=HYPERLINK("http://example.org")' } });
    expect(await send(live, ann.id, { type: 'poll-answer', pollId, answer: { choice: 0 } })).toMatchObject({
      code: 'poll_already_answered',
    });
    clock.advance(limits.pollResultsBatchMs);
    const results = moderator.connection.last('poll-results')?.results;
    expect(results).toEqual({
      pollId,
      totals: [],
      texts: [
        { text: 'Sunny', count: 2 },
        { text: '=HYPERLINK("http://example.org")', count: 1 },
      ],
      answeredCount: 3,
      participantCount: 3,
    });
    const exported = await send(live, moderator.id, { type: 'poll-action', pollId, action: 'export' });
    if (!exported.ok || exported.value?.type !== 'poll-export') throw new Error('no export');
    const rows = parse(exported.value.csv, { relax_column_count: true, skip_empty_lines: true }) as string[][];
    expect(rows).toEqual([
      ['question', 'One word for today?'],
      ['anonymous', 'true'],
      ['answer', 'count'],
      ['Sunny', '2'],
      // A spreadsheet must not take an answer for a formula.
      [`'=HYPERLINK("http://example.org")`, '1'],
    ]);
    expect(exported.value.csv).not.toMatch(/Guy|Ann|Mo\b/);
  });

  it('exports a named poll as CSV: each answer’s count, then who answered what', async () => {
    const { live, moderator, guest, ann, pollId } = await pollOpen();
    await send(live, guest.id, { type: 'poll-answer', pollId, answer: { choice: 1 } });
    await send(live, ann.id, { type: 'poll-answer', pollId, answer: { choice: 0 } });
    const exported = await send(live, moderator.id, { type: 'poll-action', pollId, action: 'export' });
    if (!exported.ok || exported.value?.type !== 'poll-export') throw new Error('no export');
    expect(exported.value.pollId).toBe(pollId);
    expect(parse(exported.value.csv, { relax_column_count: true, skip_empty_lines: true })).toEqual([
      ['question', 'Which fruit for the picnic?'],
      ['anonymous', 'false'],
      ['answer', 'count'],
      ['Apples', '1'],
      ['Pears', '1'],
      ['Plums', '0'],
      ['participant', 'answer'],
      ['Guy', 'Pears'],
      ['Ann', 'Apples'],
    ]);
  });

  it('shows the current poll to someone who joins late, and the live results to someone made moderator', async () => {
    const { live, join, moderator, guest, pollId } = await pollOpen({ question: 'Ready?', kind: 'letters', letters: 4, anonymous: false });
    await send(live, guest.id, { type: 'poll-answer', pollId, answer: { choice: 3 } });
    const late = join('Lee', { clientId: 'lee-client-000000001' });
    expect(late.connection.last('poll')?.poll).toMatchObject({ pollId, kind: 'letters', choices: 4, answered: false });
    expect(late.connection.all('poll-results')).toEqual([]);
    expect(live.moderate(moderator.id, { action: 'set-role', participantId: late.id, role: 'moderator' }).ok).toBe(true);
    expect(late.connection.last('poll-results')?.results).toMatchObject({
      totals: [0, 0, 0, 1],
      named: [{ displayName: 'Guy', answer: 'D' }],
    });
    await send(live, moderator.id, { type: 'poll-action', pollId, action: 'publish' });
    const later = join('Liz', { clientId: 'liz-client-000000001' });
    expect(later.connection.last('poll')?.poll.status).toBe('published');
    expect(later.connection.last('poll-results')?.results).toEqual({
      pollId,
      totals: [0, 0, 0, 1],
      texts: [],
      answeredCount: 1,
      participantCount: 5,
    });
  });

  it('tells someone back from a dropped connection how the poll stands now', async () => {
    const { live, moderator, guest } = await meeting();
    live.connectionLost(guest.id, guest.connection);
    await send(live, moderator.id, { type: 'poll-open', poll: fruit });
    const pollId = moderator.connection.last('poll')?.poll.pollId as PollId;
    await send(live, moderator.id, { type: 'poll-action', pollId, action: 'publish' });
    expect(guest.connection.all('poll')).toEqual([]);
    const back = new RecordingConnection();
    expect(live.join({ displayName: 'Guy', media: testMedia, resumeToken: guest.participant.resumeToken }, back).ok).toBe(true);
    expect(back.last('poll')?.poll).toMatchObject({ pollId, status: 'published', answered: false });
    expect(back.last('poll-results')?.results.totals).toEqual([0, 0, 0]);
  });

  it('knows a browser that left and came back as a new participant: one answer still', async () => {
    const { live, join, guest, pollId } = await pollOpen();
    expect((await send(live, guest.id, { type: 'poll-answer', pollId, answer: { choice: 0 } })).ok).toBe(true);
    live.leave(guest.id);
    const again = join('Guy again', { clientId: 'guest-client-00000001' });
    expect(again.connection.last('poll')?.poll.answered).toBe(true);
    expect(await send(live, again.id, { type: 'poll-answer', pollId, answer: { choice: 1 } })).toMatchObject({
      code: 'poll_already_answered',
    });
  });

  it('refuses malformed polls before they reach the room', async () => {
    const { live, moderator } = await meeting();
    const drafts: unknown[] = [
      { question: 'One answer?', kind: 'custom', answers: ['Only'], anonymous: false },
      { question: 'Twice?', kind: 'custom', answers: ['Same', 'same'], anonymous: false },
      {
        question: 'Too many?',
        kind: 'custom',
        answers: Array.from({ length: limits.pollAnswersMax + 1 }, (_, index) => `A${index}`),
        anonymous: false,
      },
      { question: 'Letters?', kind: 'letters', anonymous: false },
      { question: 'Seven letters?', kind: 'letters', letters: 7, anonymous: false },
      { question: 'Yes or no?', kind: 'yes-no', answers: ['Yes', 'No'], anonymous: false },
      { question: '   ', kind: 'yes-no', anonymous: false },
      { question: 'q'.repeat(limits.pollQuestionCharactersMax + 1), kind: 'yes-no', anonymous: false },
      { question: 'Hidden\u202eeman', kind: 'yes-no', anonymous: false },
      { question: 'Which?', kind: 'ranked', anonymous: false },
      { question: 'Who?', kind: 'yes-no' },
      { question: 'Extra?', kind: 'yes-no', anonymous: false, binding: true },
    ];
    for (const poll of drafts)
      expect(await send(live, moderator.id, { type: 'poll-open', poll })).toMatchObject({ ok: false, code: 'malformed_message' });
    expect(await send(live, moderator.id, { type: 'poll-action', pollId: 'not a poll', action: 'close' })).toMatchObject({
      code: 'malformed_message',
    });
    expect(await send(live, moderator.id, { type: 'poll-action', pollId: 'poll_abcdefgh', action: 'delete' })).toMatchObject({
      code: 'malformed_message',
    });
  });

  it('holds at most limits.pollsPerMeetingMax polls in one meeting', async () => {
    const { live, moderator } = await meeting();
    for (let index = 0; index < limits.pollsPerMeetingMax; index += 1) {
      expect(
        (await send(live, moderator.id, { type: 'poll-open', poll: { question: `Poll ${index}?`, kind: 'yes-no', anonymous: true } })).ok,
      ).toBe(true);
      const pollId = moderator.connection.last('poll')?.poll.pollId as PollId;
      await send(live, moderator.id, { type: 'poll-action', pollId, action: 'close' });
    }
    expect(
      await send(live, moderator.id, { type: 'poll-open', poll: { question: 'One more?', kind: 'yes-no', anonymous: true } }),
    ).toMatchObject({ code: 'polls_limit' });
  });

  it('has no polls in an end-to-end encrypted meeting: the server would read the answers', async () => {
    const { live, join, room } = await emptyMeeting({ endToEndEncryption: true });
    const moderator = join('Mo', { accessCode: room.moderatorCode, canEncrypt: true });
    expect(await send(live, moderator.id, { type: 'poll-open', poll: fruit })).toMatchObject({ ok: false, code: 'not_allowed' });
  });
});

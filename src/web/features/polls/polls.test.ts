import { afterEach, describe, expect, it } from 'vitest';
import type { PollResults, PollView } from '../../../shared/poll-protocol.js';
import { installTranslations } from '../../app/intl/catalogue.js';
import { french } from '../../app/intl/french.js';
import { currentLanguage } from '../../app/intl/language.js';
import { checkPollForm, choiceLabels, emptyPollForm, namedAnswerLabel, percentText, resultBars } from './polls.js';

installTranslations('fr', french);
afterEach(() => {
  currentLanguage.value = 'en';
});

const view = (changes: Partial<PollView>): PollView => ({
  pollId: 'poll_abcdefgh',
  question: 'Which?',
  kind: 'yes-no',
  choices: 2,
  anonymous: false,
  status: 'open',
  answered: false,
  ...changes,
});

const results = (changes: Partial<PollResults>): PollResults => ({
  pollId: 'poll_abcdefgh',
  totals: [],
  texts: [],
  answeredCount: 0,
  participantCount: 3,
  ...changes,
});

describe('a poll’s choices', () => {
  it('are written in the person’s language for the fixed kinds, as given for the others', () => {
    expect(choiceLabels(view({ kind: 'yes-no' }))).toEqual(['Yes', 'No']);
    expect(choiceLabels(view({ kind: 'letters', choices: 3 }))).toEqual(['A', 'B', 'C']);
    expect(choiceLabels(view({ kind: 'custom', choices: 2, answers: ['Tea', 'Coffee'] }))).toEqual(['Tea', 'Coffee']);
    expect(choiceLabels(view({ kind: 'free-text', choices: 0 }))).toEqual([]);
    currentLanguage.value = 'fr';
    expect(choiceLabels(view({ kind: 'true-false' }))).toEqual(['Vrai', 'Faux']);
  });

  it('translate the server’s words in who answered what, and leave written answers alone', () => {
    currentLanguage.value = 'fr';
    expect(namedAnswerLabel(view({ kind: 'yes-no' }), 'no')).toBe('Non');
    expect(namedAnswerLabel(view({ kind: 'true-false' }), 'true')).toBe('Vrai');
    expect(namedAnswerLabel(view({ kind: 'custom', answers: ['yes', 'maybe'] }), 'yes')).toBe('yes');
  });
});

describe('the results', () => {
  it('give each choice its count and its share of the answers, in the choices’ order', () => {
    const bars = resultBars(view({ kind: 'custom', choices: 3, answers: ['Red', 'Green', 'Blue'] }), results({ totals: [2, 1, 0] }));
    expect(bars.map((bar) => [bar.label, bar.count])).toEqual([
      ['Red', 2],
      ['Green', 1],
      ['Blue', 0],
    ]);
    expect(bars.map((bar) => percentText(bar.share))).toEqual(['67%', '33%', '0%']);
  });

  it('list free texts most given first, and share nothing of no answers', () => {
    const free = view({ kind: 'free-text', choices: 0 });
    const texts = [
      { text: 'later', count: 1 },
      { text: 'now', count: 2 },
    ];
    expect(resultBars(free, results({ texts })).map((bar) => bar.label)).toEqual(['now', 'later']);
    expect(resultBars(view({}), results({ totals: [0, 0] })).map((bar) => bar.share)).toEqual([0, 0]);
  });

  it('write shares as the language does', () => {
    currentLanguage.value = 'fr';
    expect(percentText(2 / 3)).toBe('67\u00a0%');
  });
});

describe('the form to ask a poll', () => {
  it('asks for a question', () => {
    const checked = checkPollForm({ ...emptyPollForm(), question: '   ' });
    expect(checked.ok ? undefined : checked.errors.question).toBe('Write the question.');
  });

  it('asks for every written answer, and no two alike', () => {
    const checked = checkPollForm({ ...emptyPollForm(), question: 'Colour?', kind: 'custom', answers: ['Red', '', 'red'] });
    expect(checked.ok ? [] : checked.errors.answers).toEqual([
      undefined,
      'Write this answer, or remove it.',
      'This answer is already in the list.',
    ]);
  });

  it('sends only what the kind needs, trimmed', () => {
    const custom = { ...emptyPollForm(), question: ' Colour? ', kind: 'custom' as const, answers: [' Red ', 'Blue'], anonymous: true };
    expect(checkPollForm(custom)).toEqual({
      ok: true,
      draft: { question: 'Colour?', kind: 'custom', answers: ['Red', 'Blue'], anonymous: true },
    });
    expect(checkPollForm({ ...custom, kind: 'letters', letters: 5 })).toEqual({
      ok: true,
      draft: { question: 'Colour?', kind: 'letters', letters: 5, anonymous: true },
    });
    expect(checkPollForm({ ...custom, kind: 'free-text' })).toEqual({
      ok: true,
      draft: { question: 'Colour?', kind: 'free-text', anonymous: true },
    });
  });

  it('refuses what the protocol refuses, on the field that holds it', () => {
    const checked = checkPollForm({ ...emptyPollForm(), question: 'Colour?', kind: 'custom', answers: ['Red', 'Bl\u0007ue'] });
    expect(checked.ok ? [] : checked.errors.answers).toEqual([
      undefined,
      'This text holds characters that cannot be sent; write it again.',
    ]);
    const question = checkPollForm({ ...emptyPollForm(), question: 'Why\u0000?' });
    expect(question.ok ? undefined : question.errors.question).toBe('This text holds characters that cannot be sent; write it again.');
  });
});

/**
 * A poll's results as a bar chart: one bar per choice (or per free text given) with its count
 * and share written beside it. The bars are decoration; each line also holds a sentence for
 * screen readers ("Blue: 2 answers, 67 %"). For moderators of a named poll, who answered what.
 */
import type { PollResults, PollView } from '../../../shared/poll-protocol.js';
import { t } from './messages.js';
import { namedAnswerLabel, percentText, resultBars } from './polls.js';

export function ResultsChart({ poll, results }: { poll: PollView; results: PollResults }) {
  const bars = resultBars(poll, results);
  const captionId = `poll-results-${poll.pollId}`;
  return (
    <figure class="poll-results" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        <strong>{t('polls.results')}</strong>
        <span class="hint">{t('polls.answered', { answered: results.answeredCount, total: results.participantCount })}</span>
      </figcaption>
      {bars.length === 0 ? (
        <p class="hint">{t('polls.noAnswers')}</p>
      ) : (
        <ul class="poll-bars">
          {bars.map((bar) => {
            const percent = percentText(bar.share);
            return (
              <li key={bar.label} class="poll-bar">
                <span class="visually-hidden">{t('polls.bar', { answer: bar.label, count: bar.count, percent })}</span>
                <span class="poll-bar-text" aria-hidden="true">
                  <span class="poll-bar-label">{bar.label}</span>
                  <span class="poll-bar-figures">{t('polls.figures', { count: bar.count, percent })}</span>
                </span>
                <span class="poll-bar-track" aria-hidden="true">
                  {/* A width set through the DOM (not a style attribute): the Content-Security-Policy allows it. */}
                  <span class="poll-bar-fill" style={{ width: `${bar.share * 100}%` }} />
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {results.named && results.named.length > 0 && (
        <table class="poll-named">
          <caption>{t('polls.whoAnswered')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('polls.participant')}</th>
              <th scope="col">{t('polls.answer')}</th>
            </tr>
          </thead>
          <tbody>
            {results.named.map((entry) => (
              <tr key={entry.participantId}>
                <th scope="row">{entry.displayName}</th>
                <td>{namedAnswerLabel(poll, entry.answer)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}

/**
 * A closed assembly's sealed minutes as the page shows them: who chaired it and when it sat, the
 * quorum, attendance (whose vote each person cast, guests marked), the proxies, and each motion
 * with its times, threshold, count, outcome and every member's vote; with the links to the
 * minutes as a standalone HTML page and as a PDF download.
 */
import { tallyRows } from './assemblies.js';
import { type Minutes, minutesHtmlHref, minutesPdfHref } from './assemblies-client.js';
import { t } from './messages.js';
import { answerWord, outcomeWord, percent, when } from './words.js';

type Motion = Minutes['motions'][number];

/** The links to the minutes as files (plain links: the server sends them, not the app). */
export function MinutesLinks({ assemblyId }: { assemblyId: string }) {
  return (
    <ul class="actions minutes-links">
      <li>
        <a href={minutesHtmlHref(assemblyId)} class="button">
          {t('minutes.html')}
        </a>
      </li>
      <li>
        <a href={minutesPdfHref(assemblyId)} class="button" download>
          {t('minutes.pdf')}
        </a>
      </li>
    </ul>
  );
}

function Attendance({ minutes }: { minutes: Minutes }) {
  return (
    <section aria-labelledby="minutes-attendance">
      <h3 id="minutes-attendance">{t('attendance.heading')}</h3>
      {minutes.attendance.length === 0 ? (
        <p class="notice">{t('attendance.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="assembly-table">
            <caption>{t('attendance.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('attendance.name')}</th>
                <th scope="col">{t('attendance.votesFor')}</th>
                <th scope="col">{t('attendance.present')}</th>
              </tr>
            </thead>
            <tbody>
              {minutes.attendance.map((person, index) => (
                <tr key={index}>
                  <th scope="row">{person.name}</th>
                  <td>
                    {person.votedFor.length > 0 ? (
                      person.votedFor.join(', ')
                    ) : (
                      <span class={person.guest ? 'assembly-badge guest' : 'notice'}>
                        {person.guest ? t('attendance.guest') : t('attendance.noVote')}
                      </span>
                    )}
                  </td>
                  <td>{t('attendance.stay', { from: when(person.arrivedAtMs), to: when(person.leftAtMs) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Proxies({ minutes }: { minutes: Minutes }) {
  return (
    <section aria-labelledby="minutes-proxies">
      <h3 id="minutes-proxies">{t('minutes.proxiesHeading')}</h3>
      {minutes.proxies.length === 0 ? (
        <p class="notice">{t('minutes.noProxies')}</p>
      ) : (
        <ul class="assembly-proxies">
          {minutes.proxies.map((proxy) => (
            <li key={`${proxy.grantorName} ${proxy.holderName}`}>
              <span aria-hidden="true">{t('proxies.item', { grantor: proxy.grantorName, holder: proxy.holderName })}</span>
              <span class="visually-hidden">{t('proxies.itemLabel', { grantor: proxy.grantorName, holder: proxy.holderName })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MotionTally({ motion }: { motion: Motion }) {
  return (
    <table class="assembly-table tally-table">
      <caption>{t('motion.tally', { position: motion.position })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('motion.answer')}</th>
          <th scope="col" class="number">
            {t('motion.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {tallyRows(motion.tally).map((row) => (
          <tr key={row.answer}>
            <th scope="row">{answerWord(row.answer)}</th>
            <td class="number">{row.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MotionVotes({ motion }: { motion: Motion }) {
  if (motion.votes.length === 0) return <p class="notice">{t('motion.noVotes')}</p>;
  return (
    <div class="table-scroll">
      <table class="assembly-table">
        <caption>{t('motion.votes', { position: motion.position })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('motion.member')}</th>
            <th scope="col">{t('motion.vote')}</th>
            <th scope="col">{t('motion.castBy')}</th>
          </tr>
        </thead>
        <tbody>
          {motion.votes.map((vote, index) => (
            <tr key={index}>
              <th scope="row">{vote.memberName}</th>
              <td>{answerWord(vote.answer)}</td>
              <td>{vote.byProxy ? t('motion.byProxy', { name: vote.castByName }) : t('motion.inPerson')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MotionMinutes({ motion }: { motion: Motion }) {
  const headingId = `minutes-motion-${motion.position}`;
  return (
    <article class="motion-minutes" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('motion.heading', { position: motion.position, title: motion.title })}</h4>
      <p>
        <span class={`assembly-badge outcome-${motion.outcome}`}>{outcomeWord(motion.outcome)}</span>
      </p>
      {motion.text && <p class="motion-text">{motion.text}</p>}
      <p>{t('motion.times', { from: when(motion.openedAtMs), to: when(motion.closedAtMs) })}</p>
      <p>
        {t('motion.rule', { kind: t(`kind.${motion.kind}`), threshold: t(`threshold.${motion.threshold}`) })}{' '}
        {t('motion.represented', { count: motion.represented })}
      </p>
      <MotionTally motion={motion} />
      <MotionVotes motion={motion} />
    </article>
  );
}

/** The minutes under their heading (level 2), their parts at level 3 and each motion at level 4. */
export function MinutesView({ assemblyId, minutes }: { assemblyId: string; minutes: Minutes }) {
  return (
    <section aria-labelledby="assembly-minutes" class="minutes">
      <h2 id="assembly-minutes">{t('minutes.heading')}</h2>
      <MinutesLinks assemblyId={assemblyId} />
      <ul class="rules">
        <li>{t('minutes.chair', { name: minutes.chairName })}</li>
        <li>{t('minutes.times', { opened: when(minutes.openedAtMs), closed: when(minutes.closedAtMs) })}</li>
        <li>
          {t('minutes.quorum', {
            required: minutes.quorumRequired,
            electorate: minutes.electorate,
            quorum: percent(minutes.quorumBasisPoints),
          })}
        </li>
        <li>{t('rules.proxies', { max: minutes.proxiesPerHolderMax })}</li>
      </ul>
      <Attendance minutes={minutes} />
      <Proxies minutes={minutes} />
      <section aria-labelledby="minutes-motions">
        <h3 id="minutes-motions">{t('motions.heading')}</h3>
        {minutes.motions.length === 0 && <p class="notice">{t('motions.none')}</p>}
        {minutes.motions.map((motion) => (
          <MotionMinutes key={motion.position} motion={motion} />
        ))}
      </section>
    </section>
  );
}

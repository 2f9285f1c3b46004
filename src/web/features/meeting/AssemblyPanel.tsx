/**
 * The general assembly held in this meeting: its live quorum, who is represented, the motions and
 * their results, a ballot for every member whose vote this person casts here (in person or by
 * proxy), and for the chair the controls — open the assembly, put a motion, close it, close the
 * assembly. Everything shown comes from the server's `assembly` state; nothing is decided here.
 */
import { useState } from 'preact/hooks';
import {
  type AssemblyState,
  type MotionAnswer,
  type MotionKind,
  type MotionView,
  motionAnswers,
  motionTextCharactersMax,
  motionTitleCharactersMax,
} from '../../../shared/assembly-protocol.js';
import { formatDate } from '../../app/intl/language.js';
import type { AssemblyMessage } from './meeting-controller.js';
import { t } from './messages.js';

interface Props {
  assembly: AssemblyState;
  send: (message: AssemblyMessage) => void;
}

const thresholds = ['simple_majority', 'two_thirds', 'consensus'] as const;
const time = (ms: number) => formatDate(ms, { hour: '2-digit', minute: '2-digit' });

export function AssemblyPanel({ assembly, send }: Props) {
  const openMotion = assembly.motions.find((motion) => motion.status === 'open');
  const { quorum } = assembly;
  return (
    <section class="panel-body assembly" aria-label={t('panel.assembly')}>
      <h3>{assembly.title}</h3>
      <p class="hint">
        {t(`assembly.status.${assembly.status}`)} {t('assembly.chair', { name: assembly.chairName })}
      </p>
      <p class={`quorum ${quorum.reached ? 'reached' : 'short'}`} role="status">
        {t(quorum.reached ? 'assembly.quorumReached' : 'assembly.quorumShort', {
          represented: quorum.represented,
          electorate: quorum.electorate,
          required: quorum.required,
        })}
      </p>
      <details>
        <summary>{t('assembly.represented', { count: assembly.attendance.length })}</summary>
        <ul class="attendance">
          {assembly.attendance.map((line) => (
            <li key={line.memberName}>
              {line.holderName ? t('assembly.byProxyOf', { member: line.memberName, holder: line.holderName }) : line.memberName}
            </li>
          ))}
        </ul>
      </details>
      {assembly.status !== 'closed' && (
        <p class="hint">
          {assembly.ballots.length > 0
            ? t('assembly.youVoteFor', { members: assembly.ballots.map((ballot) => ballot.memberName).join(', ') })
            : t('assembly.noVote')}
        </p>
      )}
      {assembly.chairing && assembly.status === 'convened' && (
        <button type="button" class="primary" onClick={() => send({ type: 'assembly-open' })}>
          {t('assembly.open')}
        </button>
      )}
      {assembly.motions.length > 0 && (
        <ol class="motions">
          {assembly.motions.map((motion) => (
            <li key={motion.id}>
              <Motion motion={motion} assembly={assembly} send={send} />
            </li>
          ))}
        </ol>
      )}
      {assembly.chairing && assembly.status === 'open' && !openMotion && <MotionForm send={send} />}
      {assembly.chairing && assembly.status === 'open' && !openMotion && <CloseAssembly send={send} />}
      {assembly.status === 'closed' && (
        <p>
          <a href={`/coop/assemblies/${encodeURIComponent(assembly.id)}`} target="_blank" rel="noopener">
            {t('assembly.minutes')}
          </a>
        </p>
      )}
    </section>
  );
}

function Motion({ motion, assembly, send }: { motion: MotionView; assembly: AssemblyState; send: Props['send'] }) {
  const headingId = `motion-${motion.id}`;
  return (
    <article class="motion" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('assembly.motionTitle', { position: motion.position, title: motion.title })}</h4>
      {motion.text && <p class="motion-text">{motion.text}</p>}
      <p class="hint">
        {t(`assembly.threshold.${motion.threshold}`)} · {t('assembly.putAt', { time: time(motion.openedAtMs) })}
      </p>
      {motion.result ? (
        <p class={`motion-result ${motion.result.outcome}`} role="status">
          <strong>{t(`assembly.outcome.${motion.result.outcome}`)}</strong>{' '}
          {motionAnswers[motion.kind].map((answer) => `${t(`assembly.answer.${answer}`)} ${motion.result?.tally[answer] ?? 0}`).join(' · ')}
        </p>
      ) : (
        <>
          <p role="status">{t('assembly.votedSoFar', { count: motion.voted })}</p>
          {assembly.ballots.map((ballot) => (
            <BallotForm key={ballot.memberId} motion={motion} ballot={ballot} mine={motion.mine[ballot.memberId]} send={send} />
          ))}
          {assembly.chairing && (
            <button type="button" onClick={() => send({ type: 'assembly-motion-close', motionId: motion.id })}>
              {t('assembly.closeMotion')}
            </button>
          )}
        </>
      )}
    </article>
  );
}

function BallotForm({
  motion,
  ballot,
  mine,
  send,
}: {
  motion: MotionView;
  ballot: AssemblyState['ballots'][number];
  mine: MotionAnswer | undefined;
  send: Props['send'];
}) {
  const [chosen, setChosen] = useState<MotionAnswer | undefined>(mine);
  const name = `ballot-${motion.id}-${ballot.memberId}`;
  const legend = ballot.byProxy
    ? t('assembly.voteForProxy', { member: ballot.memberName })
    : t('assembly.voteFor', { member: ballot.memberName });
  return (
    <form
      class="ballot"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) send({ type: 'assembly-vote', motionId: motion.id, memberId: ballot.memberId, answer: chosen });
      }}
    >
      <fieldset>
        <legend>{legend}</legend>
        {motionAnswers[motion.kind].map((answer) => (
          <label key={answer} class="check">
            <input type="radio" name={name} value={answer} checked={chosen === answer} onChange={() => setChosen(answer)} />
            {t(`assembly.answer.${answer}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" class="primary" disabled={!chosen}>
        {mine ? t('assembly.changeVote', { member: ballot.memberName }) : t('assembly.castVote', { member: ballot.memberName })}
      </button>
      {mine && (
        <p class="hint" role="status">
          {t('assembly.yourVote', { answer: t(`assembly.answer.${mine}`) })}
        </p>
      )}
    </form>
  );
}

function MotionForm({ send }: { send: Props['send'] }) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [kind, setKind] = useState<MotionKind>('yes_no');
  const [threshold, setThreshold] = useState<(typeof thresholds)[number]>('simple_majority');
  return (
    <form
      class="motion-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!title.trim()) return;
        send({ type: 'assembly-motion-open', title, text, kind, threshold });
        setTitle('');
        setText('');
      }}
    >
      <h4>{t('assembly.newMotion')}</h4>
      <label for="motion-title">{t('assembly.motionTitleLabel')}</label>
      <input
        id="motion-title"
        required
        maxLength={motionTitleCharactersMax}
        value={title}
        onInput={(event) => setTitle(event.currentTarget.value)}
      />
      <label for="motion-text">{t('assembly.motionTextLabel')}</label>
      <textarea
        id="motion-text"
        rows={3}
        maxLength={motionTextCharactersMax}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <label for="motion-kind">{t('assembly.motionKindLabel')}</label>
      <select id="motion-kind" value={kind} onChange={(event) => setKind(event.currentTarget.value as MotionKind)}>
        <option value="yes_no">{t('assembly.kind.yes_no')}</option>
        <option value="consent">{t('assembly.kind.consent')}</option>
      </select>
      <label for="motion-threshold">{t('assembly.motionThresholdLabel')}</label>
      <select
        id="motion-threshold"
        value={threshold}
        onChange={(event) => setThreshold(event.currentTarget.value as (typeof thresholds)[number])}
      >
        {thresholds.map((value) => (
          <option key={value} value={value}>
            {t(`assembly.threshold.${value}`)}
          </option>
        ))}
      </select>
      <button type="submit" class="primary">
        {t('assembly.putMotion')}
      </button>
    </form>
  );
}

function CloseAssembly({ send }: { send: Props['send'] }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)}>
        {t('assembly.close')}
      </button>
    );
  }
  return (
    <fieldset class="confirm">
      <legend>{t('assembly.closeConfirm')}</legend>
      <button type="button" class="danger" onClick={() => send({ type: 'assembly-close' })}>
        {t('assembly.closeYes')}
      </button>
      <button type="button" onClick={() => setConfirming(false)}>
        {t('assembly.closeNo')}
      </button>
    </fieldset>
  );
}

/** A proposal's discussion: the comments, oldest first, and the form to add one. */
import { useState } from 'preact/hooks';
import { showToast } from '../../ui/index.js';
import { GovernanceForm, TextAreaField } from './GovernanceForm.js';
import { governanceApi, type ProposalView } from './governance-client.js';
import { t } from './messages.js';
import { when } from './words.js';

export function Discussion({ proposal, onChanged }: { proposal: ProposalView; onChanged: (proposal: ProposalView) => void }) {
  const [body, setBody] = useState('');
  const submit = async () => {
    if (body.trim() === '') return t('discussion.missing');
    onChanged(await governanceApi.comment(proposal.id, body.trim()));
    showToast(t('discussion.posted'));
    setBody('');
    return undefined;
  };
  return (
    <section aria-labelledby="proposal-discussion">
      <h2 id="proposal-discussion">{t('discussion.heading')}</h2>
      {proposal.comments.length === 0 ? (
        <p class="notice">{t('discussion.empty')}</p>
      ) : (
        <ol class="comments">
          {proposal.comments.map((comment) => (
            <li key={`${comment.atMs} ${comment.author}`} class="comment">
              <p class="notice">{t('discussion.meta', { author: comment.author, at: when(comment.atMs) })}</p>
              <p class="comment-body">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      <GovernanceForm label={t('discussion.comment')} submit={t('discussion.submit')} onSubmit={submit}>
        <TextAreaField id="comment-body" label={t('discussion.comment')} value={body} onInput={setBody} rows={3} />
      </GovernanceForm>
    </section>
  );
}

/**
 * A ranked-choice ballot: the ranked options as an ordered list, each with Move up, Move down and
 * Leave out buttons (focus stays on the moved option's button; each move is said in a polite live
 * region), and the options left out, each with Rank. Focus follows an option to its new place.
 */
import { ArrowDown, ArrowUp } from 'lucide-preact';
import { useEffect, useState } from 'preact/hooks';
import { Button } from '../../ui/index.js';
import { moveItem } from './governance.js';
import { t } from './messages.js';

export function RankedBallot(props: {
  id: string;
  legend: string;
  options: readonly string[];
  ranked: number[];
  onChange: (ranked: number[]) => void;
}) {
  const { id, options, ranked, onChange } = props;
  const [said, setSaid] = useState('');
  const [focus, setFocus] = useState<string | undefined>();
  useEffect(() => {
    if (focus) document.getElementById(focus)?.focus();
  }, [focus, ranked]);
  const name = (option: number) => options[option] ?? String(option + 1);
  const move = (position: number, delta: number) => {
    const next = moveItem(ranked, position, delta);
    const option = ranked[position] ?? 0;
    const edge = position + delta === 0 || position + delta === ranked.length - 1;
    // At either end the button just pressed is disabled; keep focus on the one that still moves.
    setFocus(`${id}-${option}-${edge ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down'}`);
    setSaid(t('ranked.moved', { option: name(option), position: position + delta + 1 }));
    onChange(next);
  };
  const leftOut = options.map((_, option) => option).filter((option) => !ranked.includes(option));
  return (
    <fieldset class="ranked-ballot" aria-describedby={`${id}-hint`}>
      <legend>{props.legend}</legend>
      <p id={`${id}-hint`} class="hint">
        {t('ranked.hint')}
      </p>
      {ranked.length === 0 ? (
        <p class="notice">{t('ranked.empty')}</p>
      ) : (
        <ol class="ranked-list">
          {ranked.map((option, position) => (
            <li key={option} class="ranked-item">
              <span class="ranked-position" aria-hidden="true">
                {t('ranked.position', { position: position + 1 })}
              </span>
              <span class="ranked-name">{name(option)}</span>
              <span class="ranked-buttons">
                <Button
                  id={`${id}-${option}-up`}
                  class="small"
                  aria-label={t('ranked.up', { option: name(option) })}
                  disabled={position === 0}
                  onClick={() => move(position, -1)}
                >
                  <ArrowUp size={16} aria-hidden="true" />
                </Button>
                <Button
                  id={`${id}-${option}-down`}
                  class="small"
                  aria-label={t('ranked.down', { option: name(option) })}
                  disabled={position === ranked.length - 1}
                  onClick={() => move(position, 1)}
                >
                  <ArrowDown size={16} aria-hidden="true" />
                </Button>
                <Button
                  id={`${id}-${option}-leave`}
                  class="small"
                  aria-label={t('ranked.leaveOutLabel', { option: name(option) })}
                  onClick={() => {
                    setSaid(t('ranked.removed', { option: name(option) }));
                    setFocus(`${id}-${option}-include`);
                    onChange(ranked.filter((each) => each !== option));
                  }}
                >
                  {t('ranked.leaveOut')}
                </Button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {leftOut.length > 0 && (
        <>
          <p class="ranked-left-out-heading">{t('ranked.leftOut')}</p>
          <ul class="ranked-left-out">
            {leftOut.map((option) => (
              <li key={option} class="ranked-item">
                <span class="ranked-name">{name(option)}</span>
                <Button
                  id={`${id}-${option}-include`}
                  class="small"
                  aria-label={t('ranked.includeLabel', { option: name(option) })}
                  onClick={() => {
                    setSaid(t('ranked.moved', { option: name(option), position: ranked.length + 1 }));
                    setFocus(`${id}-${option}-leave`);
                    onChange([...ranked, option]);
                  }}
                >
                  {t('ranked.include')}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="visually-hidden" aria-live="polite">
        {said}
      </p>
    </fieldset>
  );
}

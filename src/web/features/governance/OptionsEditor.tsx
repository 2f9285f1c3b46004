/** The options of a choice proposal: a labelled field each, with Remove, and Add an option (2 to 20). */
import { Plus, X } from 'lucide-preact';
import { Button } from '../../ui/index.js';
import { t } from './messages.js';

/** The most options a choice proposal may have (the API's limit). */
export const optionsMax = 20;

export function OptionsEditor({ options, onChange }: { options: string[]; onChange: (options: string[]) => void }) {
  const set = (index: number, value: string) => onChange(options.map((each, at) => (at === index ? value : each)));
  return (
    <fieldset class="options-editor">
      <legend>{t('form.options')}</legend>
      <ol>
        {options.map((option, index) => (
          <li key={index} class="option-row">
            <label for={`option-${index}`} class="visually-hidden">
              {t('form.option', { n: index + 1 })}
            </label>
            <input id={`option-${index}`} value={option} maxLength={140} onInput={(event) => set(index, event.currentTarget.value)} />
            <Button
              class="small"
              aria-label={t('form.removeOption', { n: index + 1 })}
              disabled={options.length <= 2}
              onClick={() => onChange(options.filter((_, at) => at !== index))}
            >
              <X size={16} aria-hidden="true" />
            </Button>
          </li>
        ))}
      </ol>
      <Button class="small" disabled={options.length >= optionsMax} onClick={() => onChange([...options, ''])}>
        <Plus size={16} aria-hidden="true" /> {t('form.addOption')}
      </Button>
    </fieldset>
  );
}

/**
 * The language choice: a labelled list of the languages, each in its own words; the choice is
 * remembered. Shown with the theme choice (`PageChoices`).
 */
import { chooseLanguage } from '../app/intl/catalogue.js';
import { currentLanguage, isLanguage, languageNames, languages } from '../app/intl/language.js';
import { appMessages } from '../app/messages.js';

export function LanguageChoice() {
  return (
    <label class="language-choice">
      <span>{appMessages.t('nav.language')}</span>
      <select
        value={currentLanguage.value}
        onChange={(event) => {
          const language = event.currentTarget.value;
          if (isLanguage(language)) void chooseLanguage(language);
        }}
      >
        {languages.map((language) => (
          <option key={language} value={language} lang={language}>
            {languageNames[language]}
          </option>
        ))}
      </select>
    </label>
  );
}

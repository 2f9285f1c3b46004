/**
 * The client's own kit of building blocks, used by every feature: forms and fields, buttons,
 * links, the page header with the language and theme choices, prompts, empty states; and the
 * design system (design.css: colour tokens for both themes, type and spacing scales, controls,
 * buttons by intent, focus rings). Features import from here, never from another feature.
 */

export { AppHeader } from './AppHeader.js';
export { Button } from './Button.js';
export { Prompt } from './Dialog.js';
// ConfirmForm (a form whose action asks first) is imported by its own path, `ui/ConfirmForm.js`,
// so that the entry chunk, which holds this index, does not carry it for the pages that load later.
export { EmptyState } from './EmptyState.js';
export { Field } from './Field.js';
export { ActionForm, ErrorLine, failureText } from './Form.js';
export { Header } from './Header.js';
export { LanguageChoice } from './LanguageChoice.js';
export { Link } from './Link.js';
export { PageChoices } from './PageChoices.js';
export { SignInRequired } from './SignInRequired.js';
export { startTheme } from './theme.js';

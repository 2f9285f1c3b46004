/**
 * The client's own kit of building blocks, used by every feature: forms and fields, buttons,
 * links, the page header with the language and theme choices, prompts; and the design system
 * (design.css: colour tokens for both themes, type and spacing scales, controls, buttons). Features import from here, never
 * from another feature.
 */

export { AppHeader } from './AppHeader.js';
export { Button } from './Button.js';
export { Prompt } from './Dialog.js';
export { Field } from './Field.js';
export { ActionForm, ErrorLine, failureText } from './Form.js';
export { Header } from './Header.js';
export { LanguageChoice } from './LanguageChoice.js';
export { Link } from './Link.js';
export { PageChoices } from './PageChoices.js';
export { SignInRequired } from './SignInRequired.js';
export { startTheme } from './theme.js';

/**
 * The client's own kit of building blocks, used by every feature: forms and fields, buttons,
 * links, the page header with the language choice, prompts. Features import from here, never
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
export { SignInRequired } from './SignInRequired.js';

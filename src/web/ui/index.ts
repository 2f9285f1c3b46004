/**
 * The client's own kit of building blocks, used by every feature: the app's header (navigation,
 * account menu) and footer (language and theme), menus, forms and fields, buttons, links,
 * prompts, empty states, toasts; and the design system (design.css: colour tokens for both
 * themes, type and spacing scales, controls, buttons by intent, focus rings). Features import
 * from here, never from another feature.
 */

export { AppFooter, SkipLink } from './AppFooter.js';
export { AppHeader, useAppShellShown, WithoutAppShell } from './AppHeader.js';
export { Button } from './Button.js';
export { Prompt } from './Dialog.js';
// ConfirmForm (a form whose action asks first) is imported by its own path, `ui/ConfirmForm.js`,
// so that the entry chunk, which holds this index, does not carry it for the pages that load later.
export { EmptyState } from './EmptyState.js';
export { Field } from './Field.js';
export { ActionForm, ErrorLine, failureText } from './Form.js';
export { LanguageChoice } from './LanguageChoice.js';
export { Link } from './Link.js';
export { Logo } from './Logo.js';
export { Menu } from './Menu.js';
export { PageChoices } from './PageChoices.js';
export { usePageTitle } from './page-title.js';
export { SignInRequired } from './SignInRequired.js';
export { showToast, Toasts, type ToastTone, toastShownMs } from './Toast.js';
export { startTheme } from './theme.js';

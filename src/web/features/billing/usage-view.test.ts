import { afterEach, describe, expect, it } from 'vitest';
import type { PlanAdvice } from '../../../shared/usage-api.js';
import { installTranslations } from '../../app/intl/catalogue.js';
import { french } from '../../app/intl/french.js';
import { currentLanguage } from '../../app/intl/language.js';
import { adviceText, monthLabel } from './usage-view.js';

installTranslations('fr', french);
afterEach(() => {
  currentLanguage.value = 'en';
});

describe('the usage panel’s words', () => {
  it('name a report month in UTC, in each language', () => {
    expect(monthLabel(Date.UTC(2026, 3, 1))).toBe('April 2026');
    currentLanguage.value = 'fr';
    expect(monthLabel(Date.UTC(2026, 3, 1))).toBe('avril 2026');
  });

  it('say which plan would fit and why, joining the reasons as each language does', () => {
    const larger: PlanAdvice = {
      kind: 'larger',
      planId: 'level-1',
      planName: 'Level 1',
      quoted: false,
      reasons: ['participants', 'length'],
    };
    expect(adviceText(larger, 'Free')).toBe(
      'In the last three months a meeting had more people than your plan allows and a meeting ran until your plan’s time limit ended it: the Level 1 plan would fit.',
    );
    const quoted: PlanAdvice = { kind: 'larger', planId: 'custom', planName: 'Custom', quoted: true, reasons: ['meetings_at_once'] };
    expect(adviceText(quoted, 'Level 3')).toContain('its price is on quote');
    expect(adviceText({ kind: 'smaller', planId: 'free', planName: 'Free', quoted: false }, 'Level 1')).toBe(
      'Every meeting of the last three months would have fitted the smaller Free plan.',
    );
    expect(adviceText({ kind: 'none' }, 'Level 2')).toBe('The Level 2 plan fits your last three months.');
    currentLanguage.value = 'fr';
    expect(adviceText(larger, 'Gratuite')).toBe(
      'Ces trois derniers mois, une réunion a compté plus de personnes que votre formule n’en permet et une réunion a duré jusqu’à ce que la limite de durée de votre formule y mette fin : la formule Level 1 conviendrait.',
    );
  });
});

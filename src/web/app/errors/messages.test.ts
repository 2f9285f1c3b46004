import { afterEach, describe, expect, it } from 'vitest';
import { httpErrorCodes } from '../../../shared/http-errors.js';
import { ErrorCodeSchema } from '../../../shared/protocol.js';
import { installTranslations } from '../intl/catalogue.js';
import { french } from '../intl/french.js';
import { currentLanguage } from '../intl/language.js';
import { errorsEnglish, errorText, refusalText } from './messages.js';

installTranslations('fr', french);
afterEach(() => {
  currentLanguage.value = 'en';
});

describe('error words', () => {
  it('exist for every code the server sends, over WebSocket and HTTP', () => {
    for (const code of [...ErrorCodeSchema.options, ...httpErrorCodes]) expect(Object.hasOwn(errorsEnglish, code), code).toBe(true);
  });

  it('are the browser’s in English for the codes it words itself, else the server’s sentence', () => {
    expect(refusalText('room_is_full', 'Room 12 is full.')).toBe('This meeting is full.');
    expect(refusalText('insufficient_credit', 'Green Bakery can pay at most 12.00 credits now.')).toBe(
      'Green Bakery can pay at most 12.00 credits now.',
    );
    expect(refusalText('room_is_full', 'Room 12 is full.', { preferServer: true })).toBe('Room 12 is full.');
  });

  it('are the catalogue’s in French, whatever the server said', () => {
    currentLanguage.value = 'fr';
    expect(refusalText('insufficient_credit', 'Green Bakery can pay at most 12.00 credits now.', { preferServer: true })).toBe(
      'Le payeur ne peut pas payer autant maintenant : c’est plus que son solde plus sa limite de crédit.',
    );
    expect(errorText('banned')).toBe('Vous avez été retiré de cette réunion et ne pouvez pas la rejoindre à nouveau.');
  });
});

/**
 * Reading the BigBlueButton API's parameters: its data types (String without control
 * characters, Number of digits only, Boolean `true`/`false`) and the `meetingID` rule (2–256
 * characters, no comma). Each reader returns the value or the failure to answer with.
 */
import { bbbApiLimits } from '../../shared/limits.js';
import { type Result, success } from '../platform/outcome.js';
import { type BbbFailureKey, bbbFailure } from './messages.js';
import { metadataNamePattern, userDataNamePattern } from './xml.js';

/** A parameter's value, or the failure to answer with. */
export type ParamResult<T> = Result<T, BbbFailureKey>;

// biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is removed
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Text with control characters, bidi overrides and zero-width characters removed, NFC, trimmed. */
export function cleanText(value: string): string {
  return value.replace(controlCharacters, '').normalize('NFC').trim();
}

/** An optional text parameter: cleaned, `undefined` when absent or empty, refused beyond `charactersMax`. */
export function optionalText(
  params: ReadonlyMap<string, string>,
  name: string,
  charactersMax: number = bbbApiLimits.textCharactersMax,
): ParamResult<string | undefined> {
  const raw = params.get(name);
  if (raw === undefined) return success(undefined);
  const value = cleanText(raw);
  if (value.length > charactersMax) return bbbFailure('validationError', `${name} must be at most ${charactersMax} characters.`);
  return success(value === '' ? undefined : value);
}

/** The `meetingID` parameter: present (`missingParamMeetingID`), 2–256 characters, no comma, no control character. */
export function meetingIdParam(params: ReadonlyMap<string, string>): ParamResult<string> {
  const raw = params.get('meetingID')?.trim();
  if (raw === undefined || raw === '') return bbbFailure('missingParamMeetingID');
  if (cleanText(raw) !== raw) return bbbFailure('validationError', 'The meetingID must not contain control characters.');
  const length = [...raw].length;
  if (length < bbbApiLimits.meetingIdCharactersMin || length > bbbApiLimits.meetingIdCharactersMax) {
    return bbbFailure(
      'validationError',
      `The meetingID must be ${bbbApiLimits.meetingIdCharactersMin} to ${bbbApiLimits.meetingIdCharactersMax} characters long.`,
    );
  }
  if (raw.includes(',')) return bbbFailure('validationError', 'The meetingID must not contain a comma.');
  return success(raw);
}

/** A Number parameter (digits only) up to `max`; `fallback` when absent or empty. */
export function numberParam(params: ReadonlyMap<string, string>, name: string, max: number, fallback: number): ParamResult<number> {
  const raw = params.get(name)?.trim();
  if (raw === undefined || raw === '') return success(fallback);
  if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) > max) {
    return bbbFailure('validationError', `${name} must be a whole number from 0 to ${max}.`);
  }
  return success(Number(raw));
}

/** A Boolean parameter: `true` (any case) is true, anything else false; `fallback` when absent. */
export function booleanParam(params: ReadonlyMap<string, string>, name: string, fallback: boolean): boolean {
  const raw = params.get(name)?.trim();
  if (raw === undefined || raw === '') return fallback;
  return raw.toLowerCase() === 'true';
}

/** A Boolean parameter that must be `true` or `false` when given (BigBlueButton checks `record` so). */
export function strictBooleanParam(params: ReadonlyMap<string, string>, name: string, fallback: boolean): ParamResult<boolean> {
  const raw = params.get(name)?.trim().toLowerCase();
  if (raw === undefined || raw === '') return success(fallback);
  if (raw !== 'true' && raw !== 'false') return bbbFailure('validationError', `${name} must be true or false.`);
  return success(raw === 'true');
}

/** A family of parameters named by a prefix (`meta_*`, `userdata-*`) and how their names are kept. */
export interface PrefixedParams {
  prefix: string;
  /** Whether names are lower-cased (BigBlueButton does so for `meta_`, not for `userdata-`). */
  lowerCase: boolean;
  /** The names allowed after the prefix (they become XML element names). */
  namePattern: RegExp;
}

/** `create`'s `meta_*` parameters: names lower-cased, as BigBlueButton does. */
export const metadataParams: PrefixedParams = { prefix: 'meta_', lowerCase: true, namePattern: metadataNamePattern };
/** `join`'s `userdata-*` parameters: names kept as given. */
export const userDataParams: PrefixedParams = { prefix: 'userdata-', lowerCase: false, namePattern: userDataNamePattern };

/**
 * Every parameter of a family, by name after the prefix, its value cleaned: at most
 * `bbbApiLimits.metadataEntriesMax` of them, names up to `metadataNameCharactersMax` matching the
 * family's pattern, values up to `textCharactersMax`; the first of two names that differ only
 * by case wins where names are lower-cased.
 */
export function prefixedParams(params: ReadonlyMap<string, string>, family: PrefixedParams): ParamResult<Record<string, string>> {
  const entries: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of params) {
    if (!key.startsWith(family.prefix)) continue;
    const rest = key.slice(family.prefix.length);
    const name = family.lowerCase ? rest.toLowerCase() : rest;
    if (name.length > bbbApiLimits.metadataNameCharactersMax || !family.namePattern.test(name)) {
      return bbbFailure('validationError', `The parameter name ${JSON.stringify(key.slice(0, 80))} is not allowed.`);
    }
    const cleaned = cleanText(value);
    if (cleaned.length > bbbApiLimits.textCharactersMax) return bbbFailure('validationError', `${key} is too long.`);
    count += 1;
    if (count > bbbApiLimits.metadataEntriesMax) return bbbFailure('validationError', `Too many ${family.prefix} parameters.`);
    if (!Object.hasOwn(entries, name)) entries[name] = cleaned;
  }
  return success(entries);
}

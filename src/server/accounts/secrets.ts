/** Passwords (argon2id) and random tokens (stored only as SHA-256 hashes). */
import { createHash, randomBytes } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { accountLimits } from '../../shared/limits.js';

/** A small list of the most common passwords; a password containing none of them is not enough, but one of them is never accepted. */
const commonPasswords = new Set([
  '123456789012',
  '1234567890',
  '12345678910',
  'password123',
  'password1234',
  'passwordpassword',
  'qwertyuiop',
  'qwertyuiop123',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'iloveyou123',
  'abc1234567',
  'letmein123',
  'welcome123',
  'administrator',
  'adminadmin',
  'football123',
  'baseball123',
  'sunshine123',
  'princess123',
  'trustno1234',
  'monkey12345',
  'dragon12345',
  'master12345',
  'changeme123',
  'aaaaaaaaaa',
  '0000000000',
  '1111111111',
  '9876543210',
  'zxcvbnm123',
  'asdfghjkl1',
  'qwerty12345',
  'plenary123',
  'plenarypassword',
  'meetingpassword',
  'password!1',
  'p@ssw0rd123',
  'passw0rd123',
]);

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, email: string): 'password_too_short' | 'password_too_common' | undefined {
  if ([...password].length < accountLimits.passwordCharactersMin) return 'password_too_short';
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower) || lower === email || /^(.)\1+$/.test(lower)) return 'password_too_common';
  return undefined;
}

/** `Algorithm.Argon2id` (a const enum, which `verbatimModuleSyntax` cannot import as a value). */
const argon2id = 2 as Algorithm;

/** Hashes a password with argon2id (the library's defaults: 19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: argon2id });
}

/** True when `password` matches `passwordHash`; false for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash that no password matches, verified against when an email is unknown so that timing tells nothing. */
export const decoyHashPromise = hashPassword(randomBytes(16).toString('hex'));

/** A fresh random token (256 bits, base64url). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token: its SHA-256, so a database leak gives no usable token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

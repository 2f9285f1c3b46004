/**
 * New passwords must be long enough and hard to guess: a zxcvbn score of at least 3 of 4, judged
 * against common passwords, English words, names, keyboard patterns, dates and repeats, and the
 * person's own email and name. zxcvbn takes milliseconds on ordinary passwords but up to seconds
 * on crafted ones, so it runs in a worker thread (`password-strength-worker.mjs`) and never stalls
 * the event loop that carries the meetings.
 */
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { Language } from '../../shared/languages.js';
import { accountLimits } from '../../shared/limits.js';
import { type Clock, type ScheduledCall, systemClock } from '../platform/clock.js';
import { failure } from '../platform/outcome.js';
import type { Phrase } from '../platform/words.js';
import type { AccountsFailure } from './failures.js';
import { accountsWords } from './words.js';

/** Limits of the password-strength check. */
export const passwordStrengthLimits = {
  /** Lowest zxcvbn score accepted (0–4); 3 is "safely unguessable: moderate protection from an offline slow-hash attack". */
  scoreMin: 3,
  /** Characters of a password that zxcvbn looks at (a password whose first 64 are strong is strong); bounds its work. */
  charactersChecked: 64,
  /** l33t substitutions zxcvbn tries at most; bounds its work on crafted input. */
  l33tSubstitutionsMax: 20,
  /** Longest the worker may take on one check, in milliseconds; then that check fails and the worker is restarted. */
  timeoutMs: 10_000,
  /** Checks that may wait for the worker; more are refused (`password_check_unavailable`) rather than queued without end. */
  queuedMax: 50,
} as const;

/** zxcvbn's verdict on one password. */
export interface PasswordStrength {
  /** 0 (too guessable) to 4 (very unguessable). */
  score: number;
  /** Why it is weak, as a sentence in each language; '' when zxcvbn has nothing to say. */
  warning: Advice;
  /** What would make it stronger, each a sentence in each language. */
  suggestions: Advice[];
}

/** One of zxcvbn's sentences in every language Plenary speaks. */
export type Advice = Readonly<Record<Language, string>>;

const AdviceSchema = z.object({ en: z.string(), fr: z.string() });

const StrengthReplySchema = z.object({
  id: z.number(),
  score: z.number().int().min(0).max(4),
  warning: AdviceSchema,
  suggestions: z.array(AdviceSchema),
});

const ReadySchema = z.object({ ready: z.literal(true) });

interface Check {
  id: number;
  password: string;
  userInputs: string[];
  resolve: (strength: PasswordStrength) => void;
  reject: (error: Error) => void;
}

/** Options of a `PasswordStrengthChecker`; defaults from `passwordStrengthLimits`. */
export interface PasswordStrengthCheckerOptions {
  clock?: Clock;
  timeoutMs?: number;
  queuedMax?: number;
}

/**
 * One worker thread running zxcvbn, started on first use and never holding the process open
 * while idle. Checks go to it one at a time, in order; each has `timeoutMs` of the worker's own
 * time (not of the queue's), after which that check fails and the worker is restarted for the
 * next. At most `queuedMax` checks wait; more are refused at once.
 */
export class PasswordStrengthChecker {
  #worker: Worker | undefined;
  /** Whether the current worker has loaded its dictionaries. */
  #workerReady = false;
  #nextId = 1;
  readonly #queue: Check[] = [];
  #current: { check: Check; timeout: ScheduledCall } | undefined;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #queuedMax: number;

  constructor(options: PasswordStrengthCheckerOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#timeoutMs = options.timeoutMs ?? passwordStrengthLimits.timeoutMs;
    this.#queuedMax = options.queuedMax ?? passwordStrengthLimits.queuedMax;
  }

  estimate(password: string, userInputs: string[]): Promise<PasswordStrength> {
    if (this.#queue.length >= this.#queuedMax) return Promise.reject(new Error('too many password checks are waiting'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, password, userInputs, resolve, reject });
      this.#sendNext();
    });
  }

  /** Whether a check is with the worker now (its time is running). */
  get checking(): boolean {
    return this.#current !== undefined;
  }

  #sendNext(): void {
    if (this.#current) return;
    if (this.#queue.length === 0) {
      this.#worker?.unref();
      return;
    }
    const worker = this.#worker ?? this.#start();
    worker.ref();
    // The dictionaries take a moment to load (longer on a busy machine): a check's time starts once they have.
    if (!this.#workerReady) return;
    const check = this.#queue.shift();
    if (!check) return;
    const timeout = this.#clock.setTimeout(
      () => this.#fail(worker, new Error('the password-strength worker did not answer in time')),
      this.#timeoutMs,
    );
    this.#current = { check, timeout };
    worker.postMessage({ id: check.id, password: check.password, userInputs: check.userInputs });
  }

  #start(): Worker {
    const worker = new Worker(new URL('./password-strength-worker.mjs', import.meta.url), {
      workerData: {
        charactersChecked: passwordStrengthLimits.charactersChecked,
        l33tSubstitutionsMax: passwordStrengthLimits.l33tSubstitutionsMax,
      },
    });
    worker.on('message', (message: unknown) => this.#settle(worker, message));
    worker.on('error', (error) => this.#fail(worker, error));
    worker.on('exit', () => this.#fail(worker, new Error('the password-strength worker stopped')));
    worker.unref();
    this.#worker = worker;
    this.#workerReady = false;
    return worker;
  }

  #settle(worker: Worker, message: unknown): void {
    if (worker === this.#worker && ReadySchema.safeParse(message).success) {
      this.#workerReady = true;
      return this.#sendNext();
    }
    const reply = StrengthReplySchema.safeParse(message);
    if (!reply.success) return this.#fail(worker, new Error('the password-strength worker sent a malformed reply'));
    const current = this.#current;
    if (worker !== this.#worker || current?.check.id !== reply.data.id) return;
    this.#current = undefined;
    current.timeout.cancel();
    current.check.resolve({ score: reply.data.score, warning: reply.data.warning, suggestions: reply.data.suggestions });
    this.#sendNext();
  }

  /**
   * Fails the check in `worker` (if it is the current worker) and restarts it for the next check.
   * A worker that failed before it was ready cannot check anything: every waiting check fails, and
   * the next estimate tries a new one.
   */
  #fail(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    const wasReady = this.#workerReady;
    this.#worker = undefined;
    this.#workerReady = false;
    void worker.terminate();
    const current = this.#current;
    this.#current = undefined;
    current?.timeout.cancel();
    current?.check.reject(error);
    if (!wasReady) for (const waiting of this.#queue.splice(0)) waiting.reject(error);
    this.#sendNext();
  }
}

const sharedChecker = new PasswordStrengthChecker();

/**
 * zxcvbn's estimate for `password`, counting `userInputs` (the person's email, name…) as words a
 * guesser tries first. Rejects when the worker fails, takes longer than `timeoutMs` on it, or
 * too many checks are waiting.
 */
export function estimatePasswordStrength(password: string, userInputs: string[]): Promise<PasswordStrength> {
  return sharedChecker.estimate(password, userInputs);
}

/** The person's email and name, whole and in words, and the site's name: what a guesser who knows them tries first. */
function personalWords(person: { email: string; name: string }): string[] {
  const localPart = person.email.split('@')[0] ?? '';
  const words = [person.email, localPart, ...localPart.split(/[^\p{L}\p{N}]+/u), person.name, ...person.name.split(/\s+/), 'plenary'];
  return [...new Set(words.map((word) => word.trim().toLowerCase()).filter((word) => word.length >= 3))];
}

/** The words for a refused password: that it is too easy to guess, then zxcvbn's warning and suggestions in the reader's language. */
function weakness(strength: PasswordStrength): Phrase {
  return {
    id: 'accounts.password_too_weak',
    in(language) {
      const advice = [strength.warning, ...strength.suggestions]
        .map((sentence) => sentence[language].trim())
        .filter((sentence) => sentence !== '');
      if (advice.length === 0) return accountsWords.in(language, 'password_too_weak_no_advice');
      return accountsWords.in(language, 'password_too_weak', { advice: advice.join(' ') });
    },
  };
}

/**
 * Why a new password for `person` is refused, or undefined when it is good: `password_too_short`
 * (400) under `accountLimits.passwordCharactersMin` characters; `password_too_weak` (400) under a
 * zxcvbn score of `scoreMin`, with zxcvbn's warning and suggestions in the message;
 * `password_check_unavailable` (503) when no estimate could be made.
 */
export async function newPasswordProblem(password: string, person: { email: string; name: string }): Promise<AccountsFailure | undefined> {
  if ([...password].length < accountLimits.passwordCharactersMin) {
    return failure('password_too_short', accountsWords.phrase('password_too_short', { min: accountLimits.passwordCharactersMin }));
  }
  let strength: PasswordStrength;
  try {
    strength = await estimatePasswordStrength(password, personalWords(person));
  } catch {
    return failure('password_check_unavailable', accountsWords.phrase('password_check_unavailable'));
  }
  return strength.score >= passwordStrengthLimits.scoreMin ? undefined : failure('password_too_weak', weakness(strength));
}

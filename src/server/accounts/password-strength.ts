/**
 * New passwords must be long enough and hard to guess: a zxcvbn score of at least 3 of 4, judged
 * against common passwords, English words, names, keyboard patterns, dates and repeats, and the
 * person's own email and name. zxcvbn takes milliseconds on ordinary passwords but up to seconds
 * on crafted ones, so it runs in a worker thread (`password-strength-worker.mjs`) and never stalls
 * the event loop that carries the meetings.
 */
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { accountLimits } from '../../shared/limits.js';
import { failure } from '../platform/outcome.js';
import type { AccountsFailure } from './failures.js';

/** Limits of the password-strength check. */
export const passwordStrengthLimits = {
  /** Lowest zxcvbn score accepted (0–4); 3 is "safely unguessable: moderate protection from an offline slow-hash attack". */
  scoreMin: 3,
  /** Characters of a password that zxcvbn looks at (a password whose first 64 are strong is strong); bounds its work. */
  charactersChecked: 64,
  /** l33t substitutions zxcvbn tries at most; bounds its work on crafted input. */
  l33tSubstitutionsMax: 20,
  /** Longest wait for the worker's estimate, in milliseconds; then the worker is restarted and the check fails. */
  timeoutMs: 10_000,
} as const;

/** zxcvbn's verdict on one password. */
export interface PasswordStrength {
  /** 0 (too guessable) to 4 (very unguessable). */
  score: number;
  /** Why it is weak, as a sentence; '' when zxcvbn has nothing to say. */
  warning: string;
  /** What would make it stronger, each a sentence. */
  suggestions: string[];
}

const StrengthReplySchema = z.object({
  id: z.number(),
  score: z.number().int().min(0).max(4),
  warning: z.string(),
  suggestions: z.array(z.string()),
});

interface Waiting {
  resolve: (strength: PasswordStrength) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** One worker thread running zxcvbn, started on first use, shared by the process, and never holding it open while idle. */
class PasswordStrengthWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  estimate(password: string, userInputs: string[]): Promise<PasswordStrength> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => this.stop(worker, new Error('the password-strength worker did not answer in time')),
        passwordStrengthLimits.timeoutMs,
      );
      this.waiting.set(id, { resolve, reject, timer });
      worker.ref();
      worker.postMessage({ id, password, userInputs });
    });
  }

  private start(): Worker {
    const worker = new Worker(new URL('./password-strength-worker.mjs', import.meta.url), {
      workerData: {
        charactersChecked: passwordStrengthLimits.charactersChecked,
        l33tSubstitutionsMax: passwordStrengthLimits.l33tSubstitutionsMax,
      },
    });
    worker.on('message', (message: unknown) => this.settle(worker, message));
    worker.on('error', (error) => this.stop(worker, error));
    worker.on('exit', () => this.stop(worker, new Error('the password-strength worker stopped')));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(worker: Worker, message: unknown): void {
    const reply = StrengthReplySchema.safeParse(message);
    if (!reply.success) return this.stop(worker, new Error('the password-strength worker sent a malformed reply'));
    const waiting = this.waiting.get(reply.data.id);
    if (!waiting) return;
    this.waiting.delete(reply.data.id);
    clearTimeout(waiting.timer);
    waiting.resolve({ score: reply.data.score, warning: reply.data.warning, suggestions: reply.data.suggestions });
    if (this.waiting.size === 0) worker.unref();
  }

  /** Stops `worker` if it is the current one and fails every waiting estimate; the next estimate starts a new worker. */
  private stop(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    void worker.terminate();
    for (const waiting of this.waiting.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
    }
    this.waiting.clear();
  }
}

const sharedWorker = new PasswordStrengthWorker();

/**
 * zxcvbn's estimate for `password`, counting `userInputs` (the person's email, name…) as words a
 * guesser tries first. Rejects when the worker fails or takes longer than `timeoutMs`.
 */
export function estimatePasswordStrength(password: string, userInputs: string[]): Promise<PasswordStrength> {
  return sharedWorker.estimate(password, userInputs);
}

/** The person's email and name, whole and in words, and the site's name: what a guesser who knows them tries first. */
function personalWords(person: { email: string; name: string }): string[] {
  const localPart = person.email.split('@')[0] ?? '';
  const words = [person.email, localPart, ...localPart.split(/[^\p{L}\p{N}]+/u), person.name, ...person.name.split(/\s+/), 'plenary'];
  return [...new Set(words.map((word) => word.trim().toLowerCase()).filter((word) => word.length >= 3))];
}

/** The sentence for a refused password: that it is too easy to guess, then zxcvbn's warning and suggestions. */
function weaknessMessage(strength: PasswordStrength): string {
  const advice = [strength.warning, ...strength.suggestions].map((sentence) => sentence.trim()).filter((sentence) => sentence !== '');
  if (advice.length === 0) advice.push('Add another word or two; uncommon words are best.');
  return ['This password is too easy to guess.', ...advice].join(' ');
}

/**
 * Why a new password for `person` is refused, or undefined when it is good: `password_too_short`
 * (400) under `accountLimits.passwordCharactersMin` characters; `password_too_weak` (400) under a
 * zxcvbn score of `scoreMin`, with zxcvbn's warning and suggestions in the message;
 * `password_check_unavailable` (503) when no estimate could be made.
 */
export async function newPasswordProblem(password: string, person: { email: string; name: string }): Promise<AccountsFailure | undefined> {
  if ([...password].length < accountLimits.passwordCharactersMin) {
    return failure('password_too_short', `The password must be at least ${accountLimits.passwordCharactersMin} characters long.`);
  }
  let strength: PasswordStrength;
  try {
    strength = await estimatePasswordStrength(password, personalWords(person));
  } catch {
    return failure('password_check_unavailable', 'The password could not be checked just now; try again in a moment.');
  }
  return strength.score >= passwordStrengthLimits.scoreMin ? undefined : failure('password_too_weak', weaknessMessage(strength));
}

import { describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { estimatePasswordStrength, newPasswordProblem, PasswordStrengthChecker, passwordStrengthLimits } from './password-strength.js';

const ada = { email: 'ada@example.org', name: 'Ada' };

describe('new passwords', () => {
  it('refuses passwords of ten characters that are common, and says why in zxcvbn words', async () => {
    for (const password of ['password12', 'iloveyou12', 'qwertyuiop', '1234567890', 'aaaaaaaaaaaa']) {
      const problem = await newPasswordProblem(password, ada);
      expect(problem, password).toMatchObject({ ok: false, code: 'password_too_weak' });
      expect(problem?.message, password).toMatch(/^This password is too easy to guess\. \S/);
    }
    expect((await newPasswordProblem('password12', ada))?.message).toContain('This is a commonly used password.');
    expect((await newPasswordProblem('iloveyou12', ada))?.message).toContain('similar to a commonly used password');
  });

  it('counts the person’s own email and name as easy to guess', async () => {
    const person = { email: 'zorblax.quintavelle@example.org', name: 'Zorblax Quintavelle' };
    const stranger = { email: 'bo@example.org', name: 'Bo' };
    for (const password of ['zorblax.quintavelle@example.org', 'QuintavelleZorblax', 'zorblaxquintavelle']) {
      expect(await newPasswordProblem(password, stranger), password).toBeUndefined();
      expect((await newPasswordProblem(password, person))?.code, password).toBe('password_too_weak');
    }
  });

  it('accepts long passphrases of unrelated words, and refuses short passwords before estimating', async () => {
    for (const password of ['correct horse battery', 'analytical engine 1843', 'a long and good passphrase']) {
      expect(await newPasswordProblem(password, ada), password).toBeUndefined();
    }
    expect(await newPasswordProblem('Zq!8v#1', ada)).toMatchObject({ ok: false, code: 'password_too_short' });
  });

  it('estimates in a worker thread, so a slow crafted password never stalls the event loop', async () => {
    let ticks = 0;
    const interval = setInterval(() => {
      ticks += 1;
    }, 5);
    try {
      const strength = await estimatePasswordStrength('p4$$w0rd'.repeat(32), []);
      expect(strength.score).toBeLessThan(passwordStrengthLimits.scoreMin);
    } finally {
      clearInterval(interval);
    }
    // zxcvbn takes well over 5 ms on this; had it run on this thread, no timer could have fired meanwhile.
    expect(ticks).toBeGreaterThan(0);
  });

  it('fails only the check that ran out of time, and goes on with the next in a fresh worker', async () => {
    const clock = new ManualClock();
    const checker = new PasswordStrengthChecker({ clock, timeoutMs: 1_000 });
    const slow = checker.estimate('p4$$w0rd'.repeat(32), []);
    const next = checker.estimate('correct horse battery', []);
    // The worker's loading time is not the check's: nothing runs out while the dictionaries load.
    clock.advance(5_000);
    await expect.poll(() => checker.checking, { timeout: 20_000 }).toBe(true);
    // The second check waits its turn; its own time has not started, so the first one's time-out cannot fail it.
    clock.advance(1_000);
    await expect(slow).rejects.toThrow('did not answer in time');
    expect((await next).score).toBeGreaterThanOrEqual(passwordStrengthLimits.scoreMin);
  });

  it('refuses checks beyond the queue limit at once, and answers the others', async () => {
    const checker = new PasswordStrengthChecker({ queuedMax: 3 });
    const checks = Array.from({ length: 5 }, (_, index) => checker.estimate(`passphrase number ${index} of five`, []));
    const settled = await Promise.allSettled(checks);
    // Asked all at once, before the new worker is ready: three wait, two are refused.
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected']);
  });
});

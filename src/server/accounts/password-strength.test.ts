import { describe, expect, it } from 'vitest';
import { estimatePasswordStrength, newPasswordProblem, passwordStrengthLimits } from './password-strength.js';

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
});

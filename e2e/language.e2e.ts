/**
 * The second language in a real browser: a French Chromium (locale fr-FR) is greeted in French
 * on the home page and the pre-join screen, with `<html lang="fr">`, and the language choice
 * switches back to English and is remembered.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactsFolder, useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();

describe('a French browser', () => {
  it('sees the home page and the pre-join screen in French, and can switch back to English', async () => {
    const context = await fixture.chromium.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(fixture.plenary.url);
    await page.getByRole('heading', { name: 'Lancer une réunion' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.screenshot({ path: path.join(artifactsFolder, 'home-fr.png') });

    await page.getByRole('button', { name: 'Nouvelle réunion' }).click();
    await page.waitForURL(/\/r\/[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    await page.getByRole('heading', { name: 'Prêt à rejoindre ?' }).waitFor();
    await page.getByRole('button', { name: 'Rejoindre la réunion' }).waitFor();
    await page.getByLabel('Votre nom').waitFor();

    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'Ready to join?' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('button', { name: 'Join meeting' }).waitFor();
    await context.close();
  });
});

/**
 * An assembly's sealed minutes as a document: HTML (a standalone page, every value escaped) and
 * PDF (A4, pdfkit's built-in Helvetica — see `billing/invoice-pdf.ts` on what WinAnsi can set).
 * Both say the same, in the same order: the assembly and its times, the quorum, attendance,
 * proxies, and each motion with its tally and how each member voted. Deterministic: the PDF's
 * dates are the close time.
 */
import PDFDocument from 'pdfkit';
import type { Minutes } from '../../shared/assembly-api.js';
import type { Language } from '../../shared/languages.js';
import { serverLocale } from '../platform/words.js';
import { type minutesEnglish, minutesWords } from './minutes-words.js';

type Motion = Minutes['motions'][number];

/** A time as the minutes write it: `3 March 2027, 14:05 UTC`. */
function time(ms: number, language: Language): string {
  return `${new Intl.DateTimeFormat(serverLocale[language], { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(ms)} UTC`;
}

type MinutesKey = keyof typeof minutesEnglish;

/** The minutes' words in `language` (their parameters are checked by the catalogue's tests, not here). */
function sayer(language: Language): (key: MinutesKey, parameters?: Record<string, string | number>) => string {
  const render = minutesWords.in as (language: Language, key: MinutesKey, parameters?: Record<string, string | number>) => string;
  return (key, parameters) => render(language, key, parameters);
}

/** The minutes as sections of plain sentences and lines, shared by both renderings. */
function sections(minutes: Minutes, language: Language): { heading: string; lines: string[] }[] {
  const say = sayer(language);
  const voters = minutes.attendance.filter((person) => person.votedFor.length > 0);
  const others = minutes.attendance.filter((person) => person.votedFor.length === 0);
  const stay = (person: Minutes['attendance'][number]) =>
    say('stay', { from: time(person.arrivedAtMs, language), to: time(person.leftAtMs, language) });
  return [
    {
      heading: say('held'),
      lines: [
        say('chair', { name: minutes.chairName }),
        say('opened', { at: time(minutes.openedAtMs, language) }),
        say('closed', { at: time(minutes.closedAtMs, language) }),
        say('quorum', { required: minutes.quorumRequired, electorate: minutes.electorate, percent: minutes.quorumBasisPoints / 100 }),
        say('proxy_rule', { max: minutes.proxiesPerHolderMax }),
      ],
    },
    {
      heading: say('attendance'),
      lines: [
        ...voters.map((person) => `${person.name} — ${say('votes_for', { members: person.votedFor.join(', ') })} (${stay(person)})`),
        ...others.map((person) => `${person.name} — ${say(person.guest ? 'guest_no_vote' : 'no_vote')} (${stay(person)})`),
      ],
    },
    {
      heading: say('proxies'),
      lines:
        minutes.proxies.length === 0
          ? [say('no_proxies')]
          : minutes.proxies.map((proxy) => say('proxy', { grantor: proxy.grantorName, holder: proxy.holderName })),
    },
    ...(minutes.motions.length === 0
      ? [{ heading: say('motions'), lines: [say('no_motions')] }]
      : minutes.motions.map((motion) => motionSection(motion, language))),
  ];
}

function motionSection(motion: Motion, language: Language): { heading: string; lines: string[] } {
  const say = sayer(language);
  const tally = Object.entries(motion.tally)
    .map(([answer, votes]) => `${say(`answer_${answer}` as MinutesKey)} ${votes}`)
    .join(', ');
  return {
    heading: say('motion_heading', { position: motion.position, title: motion.title }),
    lines: [
      ...(motion.text ? [motion.text] : []),
      say('motion_times', { from: time(motion.openedAtMs, language), to: time(motion.closedAtMs, language) }),
      say('motion_rule', { threshold: say(`threshold_${motion.threshold}`), represented: motion.represented }),
      `${say('tally')}: ${tally}`,
      say(`outcome_${motion.outcome}`),
      ...motion.votes.map((vote) =>
        vote.byProxy
          ? say('vote_by_proxy', { member: vote.memberName, answer: say(`answer_${vote.answer}`), by: vote.castByName })
          : say('vote', { member: vote.memberName, answer: say(`answer_${vote.answer}`) }),
      ),
    ],
  };
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** The minutes as a standalone HTML page (no script, no style from elsewhere). */
export function minutesHtml(minutes: Minutes, language: Language): string {
  const title = minutesWords.in(language, 'title', { title: minutes.title });
  const body = sections(minutes, language)
    .map(
      (section) =>
        `<section>\n<h2>${escapeHtml(section.heading)}</h2>\n<ul>\n${section.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n')}\n</ul>\n</section>`,
    )
    .join('\n');
  return `<!doctype html>\n<html lang="${language}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n</head>\n<body>\n<main>\n<h1>${escapeHtml(title)}</h1>\n${body}\n</main>\n</body>\n</html>\n`;
}

/** The minutes as a PDF file (A4; its creation date the close time). */
export function minutesPdf(minutes: Minutes, language: Language): Promise<Buffer> {
  const title = minutesWords.in(language, 'title', { title: minutes.title });
  const closedAt = new Date(minutes.closedAtMs);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 50,
    lang: serverLocale[language],
    displayTitle: true,
    info: { Title: title, CreationDate: closedAt, ModDate: closedAt },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font('Helvetica-Bold').fontSize(18).text(title);
  for (const section of sections(minutes, language)) {
    pdf.moveDown(1).font('Helvetica-Bold').fontSize(13).text(section.heading);
    pdf.moveDown(0.3).font('Helvetica').fontSize(10);
    for (const line of section.lines) pdf.text(line, { paragraphGap: 2 });
  }
  pdf.end();
  return done;
}

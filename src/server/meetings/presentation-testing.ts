/**
 * PDFs for tests of presentations: made with pdfkit (pages with a big number on a colour of their
 * own) or written by hand (a PDF that opens with a script). Used by the meetings' tests and the e2e.
 */
import PDFDocument from 'pdfkit';

/** Each page's background, by page number from 1 (then again). */
export const testPageColours = ['#d62828', '#2a9d8f', '#1d3557', '#f4a261'] as const;

/** A PDF of `pages` pages of `size` points, each with its number large on its colour. */
export function testPdf(pages: number, size: [number, number] = [400, 300]): Promise<Buffer> {
  const document = new PDFDocument({ size, autoFirstPage: false, compress: false });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve) => document.on('end', () => resolve(Buffer.concat(chunks))));
  for (let number = 1; number <= pages; number += 1) {
    document.addPage({ size, margin: 0 });
    document.rect(0, 0, size[0], size[1]).fill(testPageColours[(number - 1) % testPageColours.length] ?? '#000000');
    document
      .fillColor('#ffffff')
      .fontSize(Math.min(size[1] / 2, 200))
      .text(String(number), 20, 20);
  }
  document.end();
  return ended;
}

/**
 * A one-page PDF whose catalogue runs JavaScript when opened (`/OpenAction`), written by hand with
 * a correct cross-reference table; `disguised`: its names written with `#` escapes (`/J#53`), as a
 * search of the bytes would miss them.
 */
export function scriptedPdf(disguised = false): Buffer {
  const action = disguised ? '/S /Java#53cript /J#53' : '/S /JavaScript /JS';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    `<< /Type /Action ${action} (app.alert\\(1\\)) >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

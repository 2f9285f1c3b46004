import { describe, expect, it } from 'vitest';
import { isOfficeDocument } from './upload.js';

describe('an office document chosen for the presentation', () => {
  it('is told apart from a PDF by its name or its type, whatever the case', () => {
    for (const name of ['minutes.docx', 'Budget.XLSX', 'slides.pptx', 'deck.odp', 'old.doc', 'notes.odt', 'letter.rtf', 'talk.key'])
      expect(isOfficeDocument({ name, type: '' }), name).toBe(true);
    for (const type of [
      'application/msword',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'application/vnd.oasis.opendocument.text',
    ])
      expect(isOfficeDocument({ name: 'file', type }), type).toBe(true);
    for (const file of [
      { name: 'slides.pdf', type: 'application/pdf' },
      { name: 'docx.pdf', type: '' },
      { name: 'report.pdf.txt', type: 'text/plain' },
    ])
      expect(isOfficeDocument(file), file.name).toBe(false);
  });
});

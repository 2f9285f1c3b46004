/**
 * The annotated PDF: the presentation's own pages with each page's board drawn on it as vector
 * paths (pdf-lib, loaded only when someone downloads), and the blank board as one more page when
 * it has drawings (or as the only page without a presentation). Page-relative coordinates become
 * PDF points through the page's crop box (what a viewer shows) and its rotation, so drawings land
 * where they were seen on screen.
 */
import { degrees, LineCapStyle, PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { type BoardId, blankBoardId, boardIdOf, type Shape, whiteboardScale } from '../../../shared/whiteboard-model.js';
import { boardPoints, shapePath, textSize } from './shape-geometry.js';

/** What the export reads: the presentation's PDF, if one is shown, and each board's shapes. */
export interface AnnotatedPdfSource {
  presentation: { id: string; bytes: Uint8Array } | undefined;
  shapes(boardId: BoardId): Shape[];
}

/** The blank board's page: 16:9, A4's width in points. */
const blankPage = { width: 842, height: 842 * (9 / 16) };

/** Where board coordinates go on a page: scale, rotation and origin, as `drawSvgPath` takes them. */
interface Placement {
  scale: number;
  rotation: 0 | 90 | 180 | 270;
  x: number;
  y: number;
  /** The page's height ÷ width as shown (after rotation). */
  aspect: number;
}

/**
 * A page's placement: the shown page's top left is the origin of the board's coordinates, x to the
 * right and y down, whatever the page's `/Rotate` (a multiple of 90°) turns it to.
 */
function placementOf(page: PDFPage): Placement {
  const box = page.getCropBox();
  const rotation = ((((page.getRotation().angle % 360) + 360) % 360) / 90) * 90;
  const turned = rotation === 90 || rotation === 270;
  const [shownWidth, shownHeight] = turned ? [box.height, box.width] : [box.width, box.height];
  const origins = {
    0: [box.x, box.y + box.height],
    90: [box.x, box.y],
    180: [box.x + box.width, box.y],
    270: [box.x + box.width, box.y + box.height],
  } as const;
  const normalised = (rotation === 90 || rotation === 180 || rotation === 270 ? rotation : 0) as Placement['rotation'];
  const [x, y] = origins[normalised];
  return { scale: shownWidth / whiteboardScale, rotation: normalised, x, y, aspect: shownHeight / shownWidth };
}

function colourOf(hex: string) {
  const value = Number.parseInt(hex.slice(1), 16);
  return rgb(((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255);
}

/** Characters the standard Helvetica cannot write become "?" (it knows Latin-1 only). */
const latin1 = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

function drawShape(page: PDFPage, shape: Shape, placement: Placement, font: PDFFont): void {
  const { scale, rotation, x, y, aspect } = placement;
  const colour = colourOf(shape.colour);
  if (shape.kind === 'text') {
    const [[u, v] = [0, 0]] = boardPoints(shape, aspect);
    const size = textSize(shape);
    // The baseline's start, turned as the page is: (u, v + size) in board units, y down.
    const [a, b] = [scale * u, -scale * (v + size * 0.8)];
    const angle = (rotation * Math.PI) / 180;
    page.drawText(latin1(shape.text ?? ''), {
      x: x + a * Math.cos(angle) - b * Math.sin(angle),
      y: y + a * Math.sin(angle) + b * Math.cos(angle),
      size: size * scale,
      font,
      color: colour,
      rotate: degrees(rotation),
    });
    return;
  }
  const { d, filled } = shapePath(shape, aspect);
  if (!d) return;
  const common = { x, y, scale, rotate: degrees(rotation) };
  if (filled) page.drawSvgPath(d, { ...common, color: colour });
  else page.drawSvgPath(d, { ...common, borderColor: colour, borderWidth: shape.width, borderLineCap: LineCapStyle.Round });
}

/** The annotated PDF's bytes. */
export async function annotatedPdf(source: AnnotatedPdfSource): Promise<Uint8Array<ArrayBuffer>> {
  const document = source.presentation
    ? await PDFDocument.load(source.presentation.bytes, { updateMetadata: false })
    : await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  if (source.presentation) {
    for (const [index, page] of document.getPages().entries()) {
      const placement = placementOf(page);
      for (const shape of source.shapes(boardIdOf(source.presentation.id, index + 1))) drawShape(page, shape, placement, font);
    }
  }
  const blank = source.shapes(blankBoardId);
  if (blank.length > 0 || !source.presentation) {
    const page = document.addPage([blankPage.width, blankPage.height]);
    const placement = placementOf(page);
    for (const shape of blank) drawShape(page, shape, placement, font);
  }
  return (await document.save()) as Uint8Array<ArrayBuffer>;
}

/**
 * The tool this person draws with (pen, shapes, text, eraser), its colour and its width: one
 * choice for the page's board and its toolbar, kept while the meeting's page is open.
 */
import { useState } from 'preact/hooks';
import { type ShapeKind, type WhiteboardColour, whiteboardColours, whiteboardWidths } from '../../../shared/whiteboard-model.js';

export type WhiteboardTool = ShapeKind | 'eraser';

/** The tools in the toolbar's order. */
export const whiteboardTools: readonly WhiteboardTool[] = ['pen', 'line', 'arrow', 'rect', 'ellipse', 'text', 'eraser'];

export interface WhiteboardTools {
  tool: WhiteboardTool;
  colour: WhiteboardColour;
  width: number;
  choose(changes: Partial<Pick<WhiteboardTools, 'tool' | 'colour' | 'width'>>): void;
}

/** The last choice, for the next board shown. */
let remembered: Pick<WhiteboardTools, 'tool' | 'colour' | 'width'> = {
  tool: 'pen',
  colour: whiteboardColours[1],
  width: whiteboardWidths[1],
};

/** The tool, colour and width chosen (at first a medium red pen), and a way to choose. */
export function useWhiteboardTools(): WhiteboardTools {
  const [chosen, setChosen] = useState(remembered);
  return {
    ...chosen,
    choose: (changes) => {
      remembered = { ...remembered, ...changes };
      setChosen(remembered);
    },
  };
}

/**
 * The meeting's presentation, in the browser: the page on the stage (`PresentationStage`, pdf.js)
 * and the panel where moderators upload a PDF and the presenter hands over, allows downloads or
 * stops (`PresentationPanel`). The meeting loads this when a presentation is first shown or the
 * panel first opened; the presentation itself (the server's `presentation`) lives in the meeting's controller.
 */
export { PresentationPanel, type PresentationPanelProps } from './PresentationPanel.js';
export { type PresentationMessage, PresentationStage, type PresentationStageProps } from './PresentationStage.js';

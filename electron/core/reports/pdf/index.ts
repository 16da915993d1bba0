// Issue 12 (reports; owner R2): the audit report's PDF, printed by headless Chromium.
export { renderPdf, CHROMIUM_ARGS, PdfRenderError } from './render-pdf';
export type { RenderPdfOptions } from './render-pdf';
export { findChromium, ChromiumNotFound, CHROMIUM_ENV, CHROMIUM_NAMES } from './find-chromium';
export type { ChromiumSearch } from './find-chromium';

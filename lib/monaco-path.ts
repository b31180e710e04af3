/**
 * URL of Monaco's `vs` folder, versioned (e.g. /monaco/0.57.0/vs) so it is cached
 * for good; set at build time by next.config.js from server/monaco-assets.mjs.
 */
export const MONACO_VS = process.env.LAYERLAB_MONACO_VS ?? '/monaco/vs';

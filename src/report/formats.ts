/** The formats `renderReport` renders from a saved JSON report: a module of its own, so the CLI's option tables can
 * list them without loading the renderers. */
export const RENDERED_FORMATS = ['html', 'markdown', 'junit', 'gitlab-secrets', 'gitlab-sast', 'codequality'] as const;
export type RenderedFormat = (typeof RENDERED_FORMATS)[number];

/** The display-label text rule (issue 11), for the renderer's form: the same the API boundary and the core apply. */
export { displayLabelProblem, MAX_LABEL_CHARS } from '../core/model/display-label';
export const LABEL_FIELDS = ['vendor', 'app', 'install', 'release'] as const;

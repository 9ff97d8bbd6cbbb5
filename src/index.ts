/** The implementation of the plugin API (see `plugin-api/`). */
export { loadRuleSets } from './load/loader';
export { createChecker } from './evaluate/checker';
export { loadPracticeContext } from './context/context';

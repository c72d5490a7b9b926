import type * as LintBundle from '../../bundles/lint';
import type { LazyBundle } from '../lazyBundle';

export type LintEngine = typeof LintBundle;

/** dist/lint.js, loaded on the first lint. */
export type LintEngineLoader = LazyBundle<LintEngine>;

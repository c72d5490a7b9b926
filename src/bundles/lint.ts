// Second bundle (dist/lint.js), required on the first lint or hover: the source parsers (yaml,
// saxes, jsonc) stay out of dist/extension.js, so activation does not pay for them.
export { lintText, detectKind, prepareLint, shellAssignments } from '../core/lint/lintEngine';
export { hoverAt } from '../core/lint/hover/hoverAt';
export { fixAllEdits, preferredFixes } from '../core/lint/fixes/applyFixes';
export { settingsHostFindings } from '../core/lint/settingsHostFindings';
export { HostLookupCache, nodeHostDeps, hostFindings } from '../core/lint/hostRules';

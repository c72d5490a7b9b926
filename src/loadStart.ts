// Imported first by extension.ts, so this runs before any other module of the bundle: the time the
// extension's modules started to evaluate (reported with the activation time; see activate()).
export const loadStartedAt = performance.now();
